import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessTokenEntity } from './entities/access-token.entity.js';
import { PartnerClientEntity } from './entities/partner-client.entity.js';
import { PartnerEntity } from './entities/partner.entity.js';
import { OAuthController } from './partner/oauth.controller.js';
import { PartnerAuthGuard } from './partner/partner-auth.guard.js';
import { PartnerAuthRepository } from './partner/partner-auth.repository.js';
import { PartnerAuthService } from './partner/partner-auth.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([PartnerEntity, PartnerClientEntity, AccessTokenEntity])],
  controllers: [OAuthController],
  providers: [PartnerAuthRepository, PartnerAuthService, PartnerAuthGuard],
  exports: [PartnerAuthService, PartnerAuthGuard],
})
export class PartnerAuthModule {}
