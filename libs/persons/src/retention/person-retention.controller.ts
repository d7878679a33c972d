import { Body, Controller, Delete, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, staffAuditContext, type StaffRequest } from '#kyc/staff';
import { PersonRetentionResponseBody } from './person-retention-response.schema.js';
import { LegalHoldDto, LiftLegalHoldDto, RelationshipEndDto } from './retention.dto.js';
import { RetentionAdminService } from './retention-admin.service.js';

/** Compliance officers' retention decisions on a person (audited): the relationship's end, the legal hold. */
@ApiTags('admin: persons')
@Controller('admin/persons/:id')
export class PersonRetentionController {
  constructor(private readonly retention: RetentionAdminService) {}

  @Post('relationship-end')
  @HttpCode(200)
  @RequirePermission('persons.retention')
  @ApiOperation({
    summary: 'Record the end of the business relationship (starts the GwG keep period; audited)',
  })
  @ApiOkResponse({ type: PersonRetentionResponseBody })
  endRelationship(@Param('id') id: string, @Body() body: RelationshipEndDto, @Req() req: StaffRequest) {
    return this.retention.endRelationship(staffAuditContext(req), id, body.ended_on, body.reason);
  }

  @Post('legal-hold')
  @HttpCode(200)
  @RequirePermission('persons.retention')
  @ApiOperation({ summary: 'Put the person under legal hold: retention never erases them (audited)' })
  @ApiOkResponse({ type: PersonRetentionResponseBody })
  setLegalHold(@Param('id') id: string, @Body() body: LegalHoldDto, @Req() req: StaffRequest) {
    return this.retention.setLegalHold(staffAuditContext(req), id, body.reason, body.reference ?? null);
  }

  @Delete('legal-hold')
  @HttpCode(200)
  @RequirePermission('persons.retention')
  @ApiOperation({ summary: 'Lift the legal hold (audited); retention applies again from the next run' })
  @ApiOkResponse({ type: PersonRetentionResponseBody })
  liftLegalHold(@Param('id') id: string, @Body() body: LiftLegalHoldDto, @Req() req: StaffRequest) {
    return this.retention.liftLegalHold(staffAuditContext(req), id, body.reason);
  }
}
