import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditService } from '#kyc/audit';
import { Clock, contentRange, type ListSpec, parseListQuery, ValidationError } from '#kyc/common';
import { RequirePermission, staffAuditContext, type StaffRequest } from '#kyc/staff';
import { AmlFollowUpResponseBody } from './aml-follow-up-response.schema.js';
import {
  AmlFollowUpsRepository,
  type FollowUpFilter,
  type FollowUpRow,
} from './aml-follow-ups.repository.js';
import { addDays, daysLeft } from './aml-window.js';

const FOLLOW_UPS: ListSpec = {
  sortable: ['due_date', 'first_listed_at', 'last_listed_at'],
  filters: {
    id: 'id',
    person_id: 'id',
    partner_id: 'id',
    status: ['open', 'resolved'],
    overdue: 'boolean',
    due_within: 'text',
  },
  defaultSort: ['due_date', 'ASC'],
};

const MAX_DUE_WITHIN = 365;

const ids = (v: string | boolean | string[] | undefined) =>
  v === undefined ? undefined : Array.isArray(v) ? v : [String(v)];

/**
 * The AML follow-up list (compliance officers), as the AML follow-up job recorded it: person, partner,
 * due date and days left; the person's name for roles that see full personal data, each such page
 * audited as a view of those persons.
 */
@ApiTags('admin: persons')
@Controller('admin/aml-follow-ups')
export class AmlFollowUpsController {
  constructor(
    private readonly repo: AmlFollowUpsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @RequirePermission('aml_follow_ups.read')
  @ApiOperation({
    summary:
      'Persons due for AML follow-up, soonest first (react-admin list contract; filter status, overdue, due_within days)',
  })
  @ApiOkResponse({ type: [AmlFollowUpResponseBody] })
  async list(
    @Query() query: Record<string, unknown>,
    @Req() req: StaffRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const q = parseListQuery(query, FOLLOW_UPS);
    const today = this.clock.today();
    const filter: FollowUpFilter = {
      status: q.filter.status === 'resolved' ? 'resolved' : 'open',
      today,
      dueBy: dueBy(q.filter.due_within, today),
      overdue: q.filter.overdue as boolean | undefined,
      partnerIds: ids(q.filter.partner_id),
      personIds: ids(q.filter.person_id ?? q.filter.id),
    };
    const full = req.staff!.role !== 'support_agent';
    const { rows, total } = await this.repo.list(q, filter, full);
    if (full && rows.length) {
      await this.audit.record({
        ...staffAuditContext(req),
        action: 'persons.listed',
        entityType: 'person',
        diff: { via: 'aml_follow_ups', ids: rows.map((r) => r.person_id) },
      });
    }
    void reply.header('content-range', contentRange('aml-follow-ups', q.offset, rows.length, total));
    return rows.map((r) => view(r, today, full));
  }
}

/** `due_within`: whole days from today (0-365); due on or before that day, past dates included. */
function dueBy(raw: string | boolean | string[] | undefined, today: string): string | undefined {
  if (raw === undefined) return undefined;
  const days = typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(days <= MAX_DUE_WITHIN)) {
    throw ValidationError.field(
      'filter.due_within',
      `must be a whole number of days from 0 to ${MAX_DUE_WITHIN}`,
    );
  }
  return addDays(today, days);
}

function view(r: FollowUpRow, today: string, full: boolean) {
  return {
    id: r.person_id,
    person_id: r.person_id,
    partner_id: r.partner_id,
    due_date: r.due_date,
    days_left: daysLeft(r.due_date, today),
    overdue: r.due_date < today,
    first_listed_at: r.first_listed_at,
    last_listed_at: r.last_listed_at,
    resolved_at: r.resolved_at,
    ...(full ? { first_name: r.first_name, last_name: r.last_name } : {}),
    masked: !full,
  };
}
