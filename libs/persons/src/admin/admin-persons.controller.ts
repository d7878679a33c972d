import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditService } from '#kyc/audit';
import { contentRange, type ListSpec, NotFoundError, parseListQuery } from '#kyc/common';
import { RequirePermission, staffAuditContext, type StaffRequest } from '#kyc/staff';
import { toPersonResponse } from '../dto/person-response.js';
import type { PersonEntity } from '../entities/person.entity.js';
import { AdminPersonResponseBody } from './admin-person-response.schema.js';
import { AdminPersonsRepository } from './admin-persons.repository.js';
import { maskPerson } from './person-masking.js';

const PERSONS: ListSpec = {
  sortable: ['created_at', 'last_name'],
  filters: { id: 'id', partner_id: 'id', q: 'text' },
  defaultSort: ['created_at', 'DESC'],
};

/**
 * Persons for staff. Support agents get them masked by the server; officers and admins get full data,
 * and each such view is audited (a list as one event with what was shown, a record per person).
 */
@ApiTags('admin: persons')
@Controller('admin/persons')
export class AdminPersonsController {
  constructor(
    private readonly persons: AdminPersonsRepository,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @RequirePermission('persons.read')
  @ApiOperation({
    summary: 'Persons of every partner; masked for support agents (react-admin list contract)',
  })
  @ApiOkResponse({ type: [AdminPersonResponseBody] })
  async list(
    @Query() query: Record<string, unknown>,
    @Req() req: StaffRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const q = parseListQuery(query, PERSONS);
    const { rows, total } = await this.persons.listUnscoped(q);
    const full = req.staff!.role !== 'support_agent';
    if (full && rows.length) {
      await this.audit.record({
        ...staffAuditContext(req),
        action: 'persons.listed',
        entityType: 'person',
        diff: { ids: rows.map((p) => p.id), filter: q.filter },
      });
    }
    void reply.header('content-range', contentRange('persons', q.offset, rows.length, total));
    return rows.map((p) => this.view(p, full));
  }

  @Get(':id')
  @RequirePermission('persons.read')
  @ApiOperation({ summary: 'One person; full data (audited) for officers and admins, masked for support' })
  @ApiOkResponse({ type: AdminPersonResponseBody })
  async get(@Param('id') id: string, @Req() req: StaffRequest) {
    const person = /^[A-Za-z0-9-]{1,64}$/.test(id) ? await this.persons.findByIdUnscoped(id) : null;
    if (!person) throw new NotFoundError('Person', id);
    const full = req.staff!.role !== 'support_agent';
    if (full) {
      await this.audit.record({
        ...staffAuditContext(req),
        action: 'person.viewed',
        entityType: 'person',
        entityId: id,
      });
    }
    return this.view(person, full);
  }

  private view(p: PersonEntity, full: boolean) {
    const response = toPersonResponse(p);
    return {
      ...(full ? response : maskPerson(response)),
      partner_id: p.partnerId,
      created_at: p.createdAt,
      masked: !full,
    };
  }
}
