import { Module } from '@nestjs/common';
import { ReviewModule } from '#kyc/identifications';
import { SupportActionsController } from './support-actions.controller.js';
import { SupportActionsService } from './support-actions.service.js';

/** The few actions support may take on an identification; everything else stays read-only. */
@Module({
  imports: [ReviewModule],
  controllers: [SupportActionsController],
  providers: [SupportActionsService],
})
export class SupportActionsModule {}
