import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  contentRange,
  ForbiddenError,
  isId,
  type ListSpec,
  NotFoundError,
  parseListQuery,
} from '#kyc/common';
import { RequirePermission, type StaffRequest } from '#kyc/staff';
import { partnerVisibleReason } from '../dto/identification-response.js';
import type { IdentificationEntity } from '../entities/identification.entity.js';
import { FAILURE_CODES } from '../rules/failure-codes.js';
import { IDENTIFICATION_STATUSES } from '../rules/identification-status.js';
import { AdminIdentificationResponseBody } from './admin-identification-response.schema.js';
import { AdminIdentificationsRepository } from './admin-identifications.repository.js';
import { OUTCOME_FILTERS, REASON_FILTERS } from './outcome-filters.js';

const IDENTIFICATIONS: ListSpec = {
  sortable: ['created_at', 'updated_at'],
  filters: {
    id: 'id',
    person_id: 'id',
    partner_id: 'id',
    status: IDENTIFICATION_STATUSES,
    flagged: 'boolean',
    failure_reason: FAILURE_CODES.map((c) => c.code),
    updated_from: 'timestamp',
    updated_to: 'timestamp',
    language: ['DE', 'EN'],
    ...OUTCOME_FILTERS,
  },
  defaultSort: ['created_at', 'DESC'],
};

/**
 * Identifications for staff, with the review flags (missing proof of address, identity data changed,
 * contradicting provider result). No personal data beyond ids; the reason of a `failed` result is for
 * compliance, so support agents see only what a partner would (no provider result code either).
 */
@ApiTags('admin: identifications')
@Controller('admin/identifications')
export class AdminIdentificationsController {
  constructor(private readonly repo: AdminIdentificationsRepository) {}

  @Get()
  @RequirePermission('identifications.read')
  @ApiOperation({
    summary: 'Identifications of every partner with their review flags (react-admin list contract)',
  })
  @ApiOkResponse({ type: [AdminIdentificationResponseBody], description: 'Content-Range gives the total' })
  async list(
    @Query() query: Record<string, unknown>,
    @Req() req: StaffRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const q = parseListQuery(query, IDENTIFICATIONS);
    const reasonFilter = REASON_FILTERS.find((k) => q.filter[k] !== undefined);
    if (reasonFilter && req.staff!.role === 'support_agent') {
      throw new ForbiddenError(`Filtering by ${reasonFilter} needs the compliance officer or admin role`);
    }
    const { rows, total } = await this.repo.listUnscoped(q);
    void reply.header('content-range', contentRange('identifications', q.offset, rows.length, total));
    return rows.map((i) => view(i, req));
  }

  @Get(':id')
  @RequirePermission('identifications.read')
  @ApiOperation({ summary: 'One identification with its review flags' })
  @ApiOkResponse({ type: AdminIdentificationResponseBody })
  async get(@Param('id') id: string, @Req() req: StaffRequest) {
    const found = isId('identification', id) ? await this.repo.findByIdUnscoped(id) : null;
    if (!found) throw new NotFoundError('Identification', id);
    return view(found, req);
  }
}

function view(i: IdentificationEntity, req: StaffRequest) {
  // IDnow's result code can say FRAUD_SUSPICION_*: support must never see, or pass on, a fraud suspicion.
  const support = req.staff!.role === 'support_agent';
  return {
    id: i.id,
    person_id: i.personId,
    partner_id: i.partnerId,
    method: i.method,
    status: i.status,
    language: i.language,
    reference: i.reference,
    provider_result: support ? null : i.providerResult,
    failure_reason: support ? partnerVisibleReason(i) : i.failureReason,
    flagged: i.flagged,
    flag_reasons: i.flagReasons,
    proof_of_address_type: i.proofOfAddressType,
    proof_of_address_issued_at: i.proofOfAddressIssuedAt,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    completed_at: i.completedAt,
    review_started_at: i.reviewStartedAt,
  };
}
