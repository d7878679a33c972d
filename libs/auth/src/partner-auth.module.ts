import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessTokenEntity } from './entities/access-token.entity.js';
import { PartnerClientEntity } from './entities/partner-client.entity.js';
import { PartnerEntity } from './entities/partner.entity.js';
import { AuditModule } from '#kyc/audit';
import { AdminPartnerClientsController } from './admin/admin-partner-clients.controller.js';
import { AdminPartnerClientsRepository } from './admin/admin-partner-clients.repository.js';
import { AdminPartnerClientsService } from './admin/admin-partner-clients.service.js';
import { OAuthController } from './partner/oauth.controller.js';
import { PartnerAuthGuard } from './partner/partner-auth.guard.js';
import { PartnerAuthRepository } from './partner/partner-auth.repository.js';
import { PartnerAuthService } from './partner/partner-auth.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([PartnerEntity, PartnerClientEntity, AccessTokenEntity]), AuditModule],
  controllers: [OAuthController, AdminPartnerClientsController],
  providers: [
    PartnerAuthRepository,
    PartnerAuthService,
    PartnerAuthGuard,
    AdminPartnerClientsRepository,
    AdminPartnerClientsService,
  ],
  exports: [PartnerAuthService, PartnerAuthGuard],
})
export class PartnerAuthModule {}
