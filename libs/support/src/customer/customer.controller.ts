import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Officer } from '#kyc/identifications';
import { RequirePermission, staffAuditContext, type StaffRequest } from '#kyc/staff';
import { AnswerQueryDto, SupportNoteDto, UnmaskDto } from './customer.dto.js';
import { CustomerAnswerResponseBody } from './customer-answer-response.schema.js';
import { CustomerReasonBody, CustomerViewResponseBody } from './customer-view-response.schema.js';
import { CustomerService } from './customer.service.js';
import { SupportNoteResponseBody } from './support-note-response.schema.js';
import { UnmaskedPersonResponseBody } from './unmasked-person-response.schema.js';

export const staffOf = (req: StaffRequest): Officer => ({
  ...staffAuditContext(req),
  actorId: req.staff!.userId,
});

/** The support desk's customer view, answer helper, notes and (for officers) unmask. */
@ApiTags('admin: support')
@ApiExtraModels(CustomerReasonBody)
@Controller('admin/support/customers')
export class CustomerController {
  constructor(private readonly customers: CustomerService) {}

  @Get(':personId')
  @RequirePermission('support.view')
  @ApiOperation({ summary: 'Person 360, masked for everyone: state in plain words, retry, timeline, notes' })
  @ApiOkResponse({ type: CustomerViewResponseBody })
  view(@Param('personId') personId: string, @Req() req: StaffRequest) {
    return this.customers.view(personId, staffOf(req));
  }

  @Get(':personId/answer')
  @RequirePermission('support.view')
  @ApiOperation({
    summary: 'A ready-to-send reply (DE/EN) from the state and the guidance; never a failed reason',
  })
  @ApiOkResponse({ type: CustomerAnswerResponseBody })
  answer(@Param('personId') personId: string, @Query() q: AnswerQueryDto) {
    return this.customers.answer(personId, q.language, q.identification_id);
  }

  @Post(':personId/notes')
  @HttpCode(201)
  @RequirePermission('support.note')
  @ApiOperation({ summary: 'Add an internal note (append-only; the body is not audited)' })
  @ApiCreatedResponse({ type: SupportNoteResponseBody })
  note(@Param('personId') personId: string, @Body() dto: SupportNoteDto, @Req() req: StaffRequest) {
    return this.customers.addNote(personId, dto.body, staffOf(req));
  }

  @Post(':personId/unmask')
  @HttpCode(200)
  @RequirePermission('support.unmask')
  @ApiOperation({ summary: 'The full person, for compliance officers, audited with the reason' })
  @ApiOkResponse({ type: UnmaskedPersonResponseBody })
  unmask(@Param('personId') personId: string, @Body() dto: UnmaskDto, @Req() req: StaffRequest) {
    return this.customers.unmask(personId, dto.reason, staffOf(req));
  }
}
