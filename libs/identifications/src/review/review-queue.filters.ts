import { type ListQuery, type ListSpec, ValidationError } from '#kyc/common';
import { FAILURE_CODES } from '../rules/failure-codes.js';
import { IDENTIFICATION_STATUSES } from '../rules/identification-status.js';
import { ESCALATED_SQL } from './review-sla.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const AGE_BUCKETS = ['lt_1h', '1h_24h', 'overdue'] as const;

/** The queue's filters and sorts, as the react-admin list contract checks them. */
export const REVIEW_QUEUE: ListSpec = {
  sortable: ['case_due_at', 'case_opened_at', 'updated_at'],
  filters: {
    id: 'id',
    status: IDENTIFICATION_STATUSES,
    failure_code: FAILURE_CODES.map((c) => c.code),
    category: ['DATA', 'Technical', 'User', 'Other'],
    permanent: 'boolean',
    user_caused: ['yes', 'no', 'unknown'],
    language: ['DE', 'EN'],
    age: AGE_BUCKETS,
    assignee: 'id',
    partner_id: 'id',
    flagged: 'boolean',
    awaiting_approval: 'boolean',
    escalated: 'boolean',
  },
  defaultSort: ['case_due_at', 'ASC'],
};

const SORTS: Record<string, string> = {
  case_due_at: 'i.case_due_at',
  case_opened_at: 'i.case_opened_at',
  updated_at: 'i.updated_at',
};

/**
 * WHERE and ORDER BY of the queue: open cases only (the partial indexes' predicate), every value a
 * parameter. Catalog filters (category, permanent, user-caused) become the list of codes they select.
 */
export function queueClauses(
  q: ListQuery,
  ctx: { me: string; now: Date },
): { where: string; order: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const where = ['i.case_opened_at IS NOT NULL'];
  const f = q.filter;
  const eqOrAny = (col: string, v: string | boolean | string[]) =>
    where.push(Array.isArray(v) ? `${col} = ANY(${p(v)})` : `${col} = ${p(v)}`);
  if (f.id !== undefined) eqOrAny('i.id', f.id);
  if (f.status !== undefined) eqOrAny('i.status', f.status);
  if (f.language !== undefined) eqOrAny('i.language', f.language);
  if (f.partner_id !== undefined) eqOrAny('i.partner_id', f.partner_id);
  if (f.flagged !== undefined) eqOrAny('i.flagged', f.flagged);
  if (f.failure_code !== undefined) eqOrAny('i.failure_reason', f.failure_code);
  if (f.category !== undefined || f.permanent !== undefined || f.user_caused !== undefined) {
    const codes = FAILURE_CODES.filter(
      (c) =>
        (f.category === undefined || c.category === f.category) &&
        (f.permanent === undefined || c.permanent === f.permanent) &&
        (f.user_caused === undefined || c.causedByUser === f.user_caused),
    ).map((c) => c.code);
    where.push(`i.failure_reason = ANY(${p(codes)})`);
  }
  if (f.assignee === 'me') where.push(`i.assignee_id = ${p(ctx.me)}`);
  else if (f.assignee === 'unassigned') where.push('i.assignee_id IS NULL');
  else if (typeof f.assignee === 'string') {
    if (!UUID.test(f.assignee))
      throw ValidationError.field('filter.assignee', 'must be me, unassigned or a user id');
    where.push(`i.assignee_id = ${p(f.assignee)}::uuid`);
  } else if (Array.isArray(f.assignee)) {
    throw ValidationError.field('filter.assignee', 'must be me, unassigned or a user id');
  }
  const hour = 3600_000;
  if (f.age === 'lt_1h') where.push(`i.case_opened_at > ${p(new Date(ctx.now.getTime() - hour))}`);
  if (f.age === '1h_24h') {
    where.push(`i.case_opened_at <= ${p(new Date(ctx.now.getTime() - hour))}`);
    where.push(`i.case_due_at > ${p(ctx.now)}`);
  }
  if (f.age === 'overdue') where.push(`i.case_due_at <= ${p(ctx.now)}`);
  // Escalated by the review SLA job (docs/JOBS.md); only open cases are listed at all.
  if (f.escalated === true) where.push(ESCALATED_SQL);
  if (f.escalated === false) where.push(`NOT coalesce(${ESCALATED_SQL}, false)`);
  if (f.awaiting_approval !== undefined) {
    where.push(
      `${f.awaiting_approval ? '' : 'NOT '}EXISTS (SELECT 1 FROM review_proposals rp WHERE rp.identification_id = i.id AND rp.state = 'pending')`,
    );
  }
  return {
    where: `WHERE ${where.join(' AND ')}`,
    order: `ORDER BY ${SORTS[q.sort.field]} ${q.sort.order}, i.id ${q.sort.order}`,
    params,
  };
}
