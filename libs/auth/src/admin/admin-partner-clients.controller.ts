import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { contentRange, type ListSpec, parseListQuery } from '#kyc/common';
import { RequirePermission, staffAuditContext, type StaffRequest } from '#kyc/staff';
import { CreatePartnerClientDto, UpdatePartnerClientDto } from './admin-partner-clients.dto.js';
import { AdminPartnerClientsService } from './admin-partner-clients.service.js';
import {
  PartnerClientResponseBody,
  PartnerClientWithSecretResponseBody,
} from './partner-client-response.schema.js';

const CLIENTS: ListSpec = {
  sortable: ['created_at', 'partner_id'],
  filters: { id: 'id', partner_id: 'id', status: ['active', 'disabled'], q: 'text' },
  defaultSort: ['created_at', 'DESC'],
};

@ApiTags('admin: partner clients')
@Controller('admin/partner-clients')
export class AdminPartnerClientsController {
  constructor(private readonly clients: AdminPartnerClientsService) {}

  @Get()
  @RequirePermission('partners.manage')
  @ApiOperation({ summary: 'Partner API clients (react-admin list contract)' })
  @ApiOkResponse({ type: [PartnerClientResponseBody] })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseListQuery(query, CLIENTS);
    const { rows, total } = await this.clients.list(q);
    void reply.header('content-range', contentRange('partner-clients', q.offset, rows.length, total));
    return rows;
  }

  @Get(':id')
  @RequirePermission('partners.manage')
  @ApiOperation({ summary: 'One partner API client' })
  @ApiOkResponse({ type: PartnerClientResponseBody })
  get(@Param('id') id: string) {
    return this.clients.get(id);
  }

  @Post()
  @HttpCode(201)
  @RequirePermission('partners.manage')
  @ApiOperation({ summary: 'Create a client; the secret is in this answer only (audited)' })
  @ApiCreatedResponse({ type: PartnerClientWithSecretResponseBody })
  create(@Body() dto: CreatePartnerClientDto, @Req() req: StaffRequest) {
    return this.clients.create(
      { partnerName: dto.partner_name, partnerId: dto.partner_id },
      staffAuditContext(req),
    );
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @RequirePermission('partners.manage')
  @ApiOperation({ summary: 'A new secret, shown once; the old one and its tokens stop working (audited)' })
  @ApiOkResponse({ type: PartnerClientWithSecretResponseBody })
  rotate(@Param('id') id: string, @Req() req: StaffRequest) {
    return this.clients.rotate(id, staffAuditContext(req));
  }

  @Put(':id')
  @RequirePermission('partners.manage')
  @ApiOperation({ summary: 'Disable or enable a client; disabling revokes its tokens (audited)' })
  @ApiOkResponse({ type: PartnerClientResponseBody })
  update(@Param('id') id: string, @Body() dto: UpdatePartnerClientDto, @Req() req: StaffRequest) {
    return this.clients.setStatus(id, dto.status, staffAuditContext(req));
  }
}
