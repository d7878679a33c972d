import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, type StaffRequest } from '#kyc/staff';
import { staffOf } from '../customer/customer.controller.js';
import { ResendLinkResponseBody, SupportProposalResponseBody } from './support-action-response.schema.js';
import { ReidentificationProposalDto } from './support-actions.dto.js';
import { SupportActionsService } from './support-actions.service.js';

/** Support actions on an identification: resend the valid link, propose a re-identification. */
@ApiTags('admin: support')
@Controller('admin/support/identifications')
export class SupportActionsController {
  constructor(private readonly actions: SupportActionsService) {}

  @Post(':id/resend-link')
  @HttpCode(202)
  @RequirePermission('support.resend_link')
  @ApiOperation({
    summary:
      'Send the partner the identification webhook again; 409 when the link expired or the status is final',
  })
  @ApiAcceptedResponse({ type: ResendLinkResponseBody })
  resend(@Param('id') id: string, @Req() req: StaffRequest) {
    return this.actions.resendLink(id, staffOf(req));
  }

  @Post(':id/reidentification-proposal')
  @HttpCode(201)
  @RequirePermission('support.propose_reidentification')
  @ApiOperation({
    summary:
      'Propose a re-identification for an officer to confirm (review proposals); 409 if one is pending',
  })
  @ApiCreatedResponse({ type: SupportProposalResponseBody })
  propose(@Param('id') id: string, @Body() dto: ReidentificationProposalDto, @Req() req: StaffRequest) {
    return this.actions.propose(id, dto.justification, staffOf(req));
  }
}
