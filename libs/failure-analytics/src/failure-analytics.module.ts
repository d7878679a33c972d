import { Module } from '@nestjs/common';
import { FailureCodesController } from './catalog/failure-codes.controller.js';

/** What failure codes mean and what to do about them, for staff (the catalog itself lives in identifications). */
@Module({
  controllers: [FailureCodesController],
})
export class FailureAnalyticsModule {}
