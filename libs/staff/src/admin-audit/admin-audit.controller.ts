import { Readable } from 'node:stream';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditService, type AuditView } from '#kyc/audit';
import { contentRange, type ListSpec, parseListQuery } from '#kyc/common';
import { RequirePermission } from '../access/admin-route.decorator.js';
import { staffAuditContext, type StaffRequest } from '../access/staff-principal.js';
import { StaffUsersRepository } from '../users/staff-users.repository.js';
import { AUDIT_ACTOR_TYPES, AuditEventResponseBody } from './audit-event-response.schema.js';
import { csvLine } from './csv.js';

const AUDIT: ListSpec = {
  sortable: ['id', 'occurred_at'],
  filters: {
    id: 'id',
    actor_id: 'id',
    actor_type: AUDIT_ACTOR_TYPES,
    action: 'id',
    entity_type: 'id',
    entity_id: 'id',
    from: 'timestamp',
    to: 'timestamp',
  },
  defaultSort: ['id', 'DESC'],
};
export const AUDIT_EXPORT_MAX_ROWS = 100_000;
const CSV_COLUMNS = [
  'id',
  'occurred_at',
  'actor_type',
  'actor_id',
  'actor_email',
  'role',
  'action',
  'entity_type',
  'entity_id',
  'diff',
  'request_id',
  'ip',
] as const;

/** The audit trail for admins and compliance officers: a filtered list and a CSV export (itself audited). */
@ApiTags('admin: audit')
@Controller('admin/audit-events')
export class AdminAuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly users: StaffUsersRepository,
  ) {}

  @Get()
  @RequirePermission('audit.read')
  @ApiOperation({ summary: 'Audit events, newest first (react-admin list contract)' })
  @ApiOkResponse({ type: [AuditEventResponseBody] })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseListQuery(query, AUDIT);
    const { rows, total } = await this.audit.list(q);
    void reply.header('content-range', contentRange('audit-events', q.offset, rows.length, total));
    return this.withActorEmails(rows);
  }

  @Get('export.csv')
  @RequirePermission('audit.read')
  @ApiOperation({ summary: 'The matching audit events as CSV, oldest first, at most 100 000 rows (audited)' })
  @ApiOkResponse({
    description: 'Not JSON: an attachment, a header line then one line per event',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  async export(
    @Query() query: Record<string, unknown>,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
  ) {
    const q = {
      ...parseListQuery({ filter: query.filter }, AUDIT),
      sort: { field: 'id', order: 'ASC' as const },
    };
    await this.audit.record({
      ...staffAuditContext(req),
      action: 'audit.exported',
      diff: { filter: q.filter },
    });
    const pages = this.audit.pages(q, AUDIT_EXPORT_MAX_ROWS);
    const withEmails = (rows: AuditView[]) => this.withActorEmails(rows);
    async function* lines() {
      yield csvLine([...CSV_COLUMNS]);
      for await (const page of pages) {
        for (const row of await withEmails(page)) yield csvLine(CSV_COLUMNS.map((c) => row[c]));
      }
    }
    const stamp = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-events-${stamp}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines()));
  }

  private async withActorEmails(rows: AuditView[]) {
    const ids = [
      ...new Set(rows.filter((r) => r.actor_type === 'staff' && r.actor_id).map((r) => r.actor_id!)),
    ];
    const emails = await this.users.emailsByIds(ids);
    return rows.map((r) => ({ ...r, actor_email: r.actor_id ? (emails.get(r.actor_id) ?? null) : null }));
  }
}
