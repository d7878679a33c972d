import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SandboxAdminController } from './admin/sandbox-admin.controller.js';
import { SandboxAdminGuard } from './admin/sandbox-admin.guard.js';
import { IdnowSandboxApiController } from './api/idnow-sandbox-api.controller.js';
import { SandboxApiAuth } from './api/sandbox-api-auth.js';
import { SandboxRateLimit } from './api/sandbox-rate-limit.js';
import { SandboxCallbackSender } from './callbacks/sandbox-callback.sender.js';
import { SandboxIdentificationEntity } from './entities/sandbox-identification.entity.js';
import { IdnowSandboxScheduler } from './idnow-sandbox.scheduler.js';
import { IdnowSandboxService } from './idnow-sandbox.service.js';
import { SandboxIdentificationsRepository } from './sandbox-identifications.repository.js';
import { SandboxTransitions } from './sandbox-transitions.js';
import { SandboxWebFlowController } from './web/web-flow.controller.js';
import { SandboxWebFlowService } from './web/web-flow.service.js';

/**
 * The built-in offline IDnow test system under /sandbox/idnow: IDnow's API (api/v1), the customer's web
 * flow (go/...), the admin's forced outcomes, and the scheduler that plays the scenarios and sends callbacks.
 * Env, Clock and PublicUrl come from the app's global core module.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SandboxIdentificationEntity])],
  controllers: [IdnowSandboxApiController, SandboxWebFlowController, SandboxAdminController],
  providers: [
    SandboxIdentificationsRepository,
    SandboxCallbackSender,
    SandboxTransitions,
    SandboxApiAuth,
    SandboxRateLimit,
    SandboxAdminGuard,
    IdnowSandboxService,
    SandboxWebFlowService,
    IdnowSandboxScheduler,
  ],
  exports: [IdnowSandboxService, IdnowSandboxScheduler, SandboxRateLimit],
})
export class IdnowSandboxModule {}
