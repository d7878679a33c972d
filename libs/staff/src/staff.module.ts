import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminAuditController } from './admin-audit/admin-audit.controller.js';
import { AdminUsersController } from './admin-users/admin-users.controller.js';
import { AdminUsersRepository } from './admin-users/admin-users.repository.js';
import { AdminUsersService } from './admin-users/admin-users.service.js';
import { AuditModule } from '#kyc/audit';
import { StaffGuard } from './access/staff.guard.js';
import { MfaService } from './mfa/mfa.service.js';
import { LoginThrottleRepository } from './sessions/login-throttle.repository.js';
import { StaffSessionsRepository } from './sessions/staff-sessions.repository.js';
import { StaffSessionsService } from './sessions/staff-sessions.service.js';
import { StaffAuthController } from './staff-auth.controller.js';
import { FirstAdmin } from './users/first-admin.js';
import { StaffUsersRepository } from './users/staff-users.repository.js';

/** Console staff: login, sessions, and the guard that applies the permission matrix to every /admin route. */
@Module({
  imports: [AuditModule],
  controllers: [StaffAuthController, AdminUsersController, AdminAuditController],
  providers: [
    StaffUsersRepository,
    StaffSessionsRepository,
    StaffSessionsService,
    LoginThrottleRepository,
    MfaService,
    AdminUsersRepository,
    AdminUsersService,
    FirstAdmin,
    { provide: APP_GUARD, useClass: StaffGuard },
  ],
  exports: [AdminUsersService],
})
export class StaffModule {}
