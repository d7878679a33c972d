import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdnowSandboxService } from '../idnow-sandbox.service.js';
import { ForceOutcomeDto } from './force-outcome.dto.js';
import { SandboxAdminGuard } from './sandbox-admin.guard.js';

/** Ours, not IDnow's: errors in the app's Solaris shape. */
@ApiTags('idnow sandbox')
@ApiHeader({ name: 'X-Sandbox-Admin-Token', required: true })
@UseGuards(SandboxAdminGuard)
@Controller('sandbox/idnow/admin')
export class SandboxAdminController {
  constructor(private readonly sandbox: IdnowSandboxService) {}

  @Post('identifications/:txn/force')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish an IDnow result now (callback sent), dropping the rest of the scenario' })
  force(@Param('txn') txn: string, @Body() body: ForceOutcomeDto) {
    return this.sandbox.forceOutcome(txn, body.result, body.reason);
  }
}
