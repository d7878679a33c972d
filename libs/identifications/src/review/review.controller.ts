import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditService } from '#kyc/audit';
import { Clock, contentRange, type ListSpec, NotFoundError, parseListQuery, renderError } from '#kyc/common';
import { RequirePermission, staffAuditContext, type StaffRequest } from '#kyc/staff';
import { CaseHistoryRepository } from './case-history.repository.js';
import { CaseNoteResponseBody } from './case-note-response.schema.js';
import { DECISION_REASONS } from '../rules/decision-reasons.js';
import { failureCode } from '../rules/failure-codes.js';
import { DecisionReasonsResponseBody } from './decision-reasons-response.schema.js';
import { DecisionsService, type DecisionOutcome, type Officer } from './decisions.service.js';
import { ProviderResultResponseBody } from './provider-result-response.schema.js';
import {
  BulkReidentificationResponseBody,
  NotStartedReidentificationBody,
  ProposedReidentificationResponseBody,
  ReidentificationAllowanceResponseBody,
  StartedReidentificationResponseBody,
} from './reidentification-response.schema.js';
import { ReidentificationService } from './reidentification.service.js';
import { ReviewCaseResponseBody } from './review-case-response.schema.js';
import { ReviewCasesService } from './review-cases.service.js';
import {
  BulkDecisionResponseBody,
  DecidedResponseBody,
  ProposedDecisionResponseBody,
} from './review-decision-response.schema.js';
import { ReviewOfficerResponseBody } from './review-officer-response.schema.js';
import { ReviewProposalResponseBody } from './review-proposal-response.schema.js';
import { ReviewCaseRowResponseBody, ReviewQueueEntryResponseBody } from './review-queue-response.schema.js';
import { REVIEW_QUEUE } from './review-queue.filters.js';
import {
  AssignDto,
  BulkDecisionDto,
  BulkReidentifyDto,
  DecisionDto,
  NoteDto,
  ReidentifyDto,
} from './review.dto.js';
import { ReviewRepository } from './review.repository.js';

const PROPOSALS: ListSpec = {
  sortable: ['proposed_at'],
  filters: { state: ['pending', 'confirmed', 'declined', 'superseded'] },
  defaultSort: ['proposed_at', 'ASC'],
};

const officerOf = (req: StaffRequest): Officer => ({ ...staffAuditContext(req), actorId: req.staff!.userId });

/** One item of a bulk action: what happened to it, never an exception for the whole batch. */
async function settle<T>(id: string, work: () => Promise<T>) {
  try {
    return { id, ok: true as const, result: await work() };
  } catch (error) {
    const { status, body } = renderError(error);
    const e = body.errors[0];
    return { id, ok: false as const, status, code: e.code, detail: e.detail };
  }
}

/**
 * The compliance review (admin API): the queue of open cases, the case page, assignment, notes,
 * decisions with four eyes, proposals, re-identification. For compliance officers only.
 */
@ApiTags('admin: review')
// Referenced by the oneOf of bulk and decision answers only.
@ApiExtraModels(
  StartedReidentificationResponseBody,
  ProposedReidentificationResponseBody,
  NotStartedReidentificationBody,
  DecidedResponseBody,
  ProposedDecisionResponseBody,
)
@Controller('admin')
export class ReviewController {
  constructor(
    private readonly repo: ReviewRepository,
    private readonly history: CaseHistoryRepository,
    private readonly cases: ReviewCasesService,
    private readonly decisions: DecisionsService,
    private readonly reidentification: ReidentificationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Get('review-cases')
  @RequirePermission('review.read')
  @ApiOperation({
    summary: 'Open cases, SLA due first (react-admin list contract); the names shown are audited',
  })
  @ApiOkResponse({ type: [ReviewQueueEntryResponseBody], description: 'Content-Range gives the total' })
  async queue(
    @Query() query: Record<string, unknown>,
    @Req() req: StaffRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const q = parseListQuery(query, REVIEW_QUEUE);
    const now = this.clock.now();
    const { rows, total } = await this.repo.queue(q, { me: req.staff!.userId, now });
    await this.namesShown(
      req,
      'review_queue',
      rows.map((r) => r.person_id),
    );
    void reply.header('content-range', contentRange('review-cases', q.offset, rows.length, total));
    return rows.map((r) => ({
      ...r,
      ...failureBadges(r.failure_reason),
      overdue: r.case_due_at <= now,
      awaiting_approval: r.proposal_id !== null,
    }));
  }

  @Get('review-cases/:id')
  @RequirePermission('review.read')
  @ApiOperation({
    summary: 'The case page: person vs ID document, timeline, history, notes, proposals, policy',
  })
  @ApiOkResponse({ type: ReviewCaseResponseBody })
  view(@Param('id') id: string, @Req() req: StaffRequest) {
    return this.cases.view(id, officerOf(req));
  }

  @Post('review-cases/:id/claim')
  @HttpCode(200)
  @RequirePermission('review.decide')
  @ApiOperation({ summary: 'Take the case (409 when a colleague holds it)' })
  @ApiOkResponse({ type: ReviewCaseRowResponseBody, description: 'The case after the change' })
  async claim(@Param('id') id: string, @Req() req: StaffRequest) {
    await this.cases.claim(id, officerOf(req));
    return this.caseRowAfter(req, 'claim', id);
  }

  @Post('review-cases/:id/release')
  @HttpCode(200)
  @RequirePermission('review.decide')
  @ApiOperation({ summary: 'Give the case back to the queue (only its holder)' })
  @ApiOkResponse({ type: ReviewCaseRowResponseBody, description: 'The case after the change' })
  async release(@Param('id') id: string, @Req() req: StaffRequest) {
    await this.cases.release(id, officerOf(req));
    return this.caseRowAfter(req, 'release', id);
  }

  @Post('review-cases/:id/assign')
  @HttpCode(200)
  @RequirePermission('review.decide')
  @ApiOperation({ summary: 'Hand the case to a colleague (when it is free or yours)' })
  @ApiOkResponse({ type: ReviewCaseRowResponseBody, description: 'The case after the change' })
  async assign(@Param('id') id: string, @Body() dto: AssignDto, @Req() req: StaffRequest) {
    await this.cases.assign(id, officerOf(req), dto.assignee_id);
    return this.caseRowAfter(req, 'assign', id);
  }

  /** The names a list or a case row shows (persons.listed): what an officer saw, and where. */
  private async namesShown(req: StaffRequest, via: string, personIds: string[]) {
    if (!personIds.length) return;
    await this.audit.record({
      ...staffAuditContext(req),
      action: 'persons.listed',
      entityType: 'person',
      diff: { via, ids: personIds },
    });
  }

  /** The case row answered after claim, release or assign: it carries the person's name, so it is audited. */
  private async caseRowAfter(req: StaffRequest, action: string, id: string) {
    const row = await this.repo.queueRow(id);
    await this.namesShown(req, `review_case_${action}`, row ? [row.person_id] : []);
    return row;
  }

  @Post('review-cases/:id/notes')
  @HttpCode(201)
  @RequirePermission('review.decide')
  @ApiOperation({ summary: 'Add an internal note (append-only)' })
  @ApiCreatedResponse({ type: CaseNoteResponseBody })
  note(@Param('id') id: string, @Body() dto: NoteDto, @Req() req: StaffRequest) {
    return this.cases.addNote(id, officerOf(req), dto.body);
  }

  @Post('review-cases/:id/decisions')
  @RequirePermission('review.decide')
  @ApiOperation({
    summary: 'Approve, reject or send back: 200 decided, 202 awaiting a second officer, 409 stale',
  })
  @ApiOkResponse({ type: DecidedResponseBody, description: 'Decided' })
  @ApiAcceptedResponse({ type: ProposedDecisionResponseBody, description: 'Awaiting a second officer' })
  async decide(
    @Param('id') id: string,
    @Body() dto: DecisionDto,
    @Req() req: StaffRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome = await this.decisions.decide(
      id,
      {
        action: dto.action,
        reasonCode: dto.reason_code,
        justification: dto.justification,
        version: dto.version,
      },
      officerOf(req),
    );
    void reply.status(outcome.outcome === 'proposed' ? 202 : 200);
    return view(outcome);
  }

  @Post('review-cases/bulk-decisions')
  @HttpCode(200)
  @RequirePermission('review.decide')
  @ApiOperation({ summary: 'Reject or send back several cases with one reason; a result per case' })
  @ApiOkResponse({ type: BulkDecisionResponseBody })
  async bulk(@Body() dto: BulkDecisionDto, @Req() req: StaffRequest) {
    const officer = officerOf(req);
    const results = [];
    for (const id of [...new Set(dto.ids)]) {
      results.push(
        await settle(id, async () => {
          const current = await this.cases.find(id);
          const input = {
            action: dto.action,
            reasonCode: dto.reason_code,
            justification: dto.justification,
            version: current.version,
          };
          return view(await this.decisions.decide(id, input, officer));
        }),
      );
    }
    return { results };
  }

  @Get('review-officers')
  @RequirePermission('review.decide')
  @ApiOperation({ summary: 'Active compliance officers, to assign a case to (id and display name only)' })
  @ApiOkResponse({ type: [ReviewOfficerResponseBody] })
  officers() {
    return this.repo.officers();
  }

  @Get('review-reasons')
  @RequirePermission('review.read')
  @ApiOperation({ summary: 'The documented reason codes of each decision' })
  @ApiOkResponse({ type: DecisionReasonsResponseBody })
  reasons() {
    return DECISION_REASONS;
  }

  @Get('review-proposals')
  @RequirePermission('review.read')
  @ApiOperation({ summary: 'Decisions awaiting (or past) a second officer (react-admin list contract)' })
  @ApiOkResponse({ type: [ReviewProposalResponseBody], description: 'Content-Range gives the total' })
  async proposals(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseListQuery(query, PROPOSALS);
    const { rows, total } = await this.repo.proposals(q, q.filter.state as string | undefined);
    void reply.header('content-range', contentRange('review-proposals', q.offset, rows.length, total));
    return rows;
  }

  @Post('review-proposals/:id/confirm')
  @HttpCode(200)
  @RequirePermission('review.decide')
  @ApiOperation({ summary: 'Second officer: apply the proposed decision (403 for the proposer)' })
  @ApiOkResponse({ type: DecidedResponseBody })
  async confirm(@Param('id') id: string, @Req() req: StaffRequest) {
    return view(await this.decisions.confirm(id, officerOf(req)));
  }

  @Post('review-proposals/:id/decline')
  @HttpCode(200)
  @RequirePermission('review.decide')
  @ApiOperation({ summary: 'Second officer: turn the proposal down (403 for the proposer)' })
  @ApiOkResponse({ type: ReviewProposalResponseBody, description: 'The declined proposal' })
  decline(@Param('id') id: string, @Req() req: StaffRequest) {
    return this.decisions.decline(id, officerOf(req));
  }

  @Get('identifications/:id/reidentification')
  @RequirePermission('review.read')
  @ApiOperation({ summary: 'What a re-identification would do, and how many the person has left today' })
  @ApiOkResponse({ type: ReidentificationAllowanceResponseBody })
  async policy(@Param('id') id: string) {
    const i = await this.cases.find(id);
    return {
      policy: this.reidentification.policy(i),
      ...(await this.reidentification.allowance(i.personId)),
    };
  }

  @Post('identifications/:id/reidentify')
  @HttpCode(201)
  @RequirePermission('review.decide')
  @ApiOperation({
    summary: 'Re-identify by the policy: 201 done, 202 awaiting a second officer, 429 over the limit',
  })
  @ApiCreatedResponse({ type: StartedReidentificationResponseBody, description: 'Done' })
  @ApiAcceptedResponse({
    type: ProposedReidentificationResponseBody,
    description: 'Awaiting a second officer',
  })
  async reidentify(
    @Param('id') id: string,
    @Body() dto: ReidentifyDto,
    @Req() req: StaffRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const i = await this.cases.find(id);
    const outcome = await this.reidentification.request(i, officerOf(req), dto.justification);
    if (outcome.mode === 'proposed') void reply.status(202);
    return outcome;
  }

  @Post('reidentifications/bulk')
  @HttpCode(200)
  @RequirePermission('review.decide')
  @ApiOperation({ summary: 'Re-identify several identifications (e.g. a filtered list); a result per item' })
  @ApiOkResponse({ type: BulkReidentificationResponseBody })
  async bulkReidentify(@Body() dto: BulkReidentifyDto, @Req() req: StaffRequest) {
    const officer = officerOf(req);
    const results = [];
    for (const id of [...new Set(dto.ids)]) {
      results.push(
        await settle(id, async () =>
          this.reidentification.request(await this.cases.find(id), officer, dto.justification),
        ),
      );
    }
    return { results };
  }

  @Get('provider-results/:id')
  @RequirePermission('review.read')
  @ApiOperation({ summary: "A provider's raw result as received (personal data: audited)" })
  @ApiOkResponse({ type: ProviderResultResponseBody })
  async providerResult(@Param('id') id: string, @Req() req: StaffRequest) {
    const found = await this.history.providerResult(id);
    if (!found) throw new NotFoundError('ProviderResult', id);
    await this.audit.record({
      ...staffAuditContext(req),
      action: 'provider_result.viewed',
      entityType: 'identification',
      entityId: found.identification_id,
      diff: { provider_result_id: found.id },
    });
    return found;
  }
}

/** The catalog's verdict on the reason: its category, and whether it is permanent and caused by the user. */
function failureBadges(code: string | null) {
  const c = code ? failureCode(code) : undefined;
  return {
    failure_category: c?.category ?? null,
    failure_permanent: c?.permanent ?? null,
    failure_caused_by_user: c?.causedByUser ?? null,
  };
}

function view(outcome: DecisionOutcome) {
  if (outcome.outcome === 'proposed') {
    return {
      outcome: 'proposed',
      awaiting_second_approval: true,
      needs: outcome.needs,
      proposal: outcome.proposal,
    };
  }
  const i = outcome.identification;
  return {
    outcome: 'decided',
    identification: {
      id: i.id,
      status: i.status,
      version: i.version,
      decided_by: i.decidedBy,
      decided_at: i.decidedAt,
    },
    ...(outcome.reidentification ? { reidentification: outcome.reidentification } : {}),
  };
}
