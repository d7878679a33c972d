import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { contentRange, type ListSpec, parseListQuery, ValidationError } from '#kyc/common';
import { RequirePermission, staffAuditContext, type StaffRequest } from '#kyc/staff';
import { RedeliverFailedDto } from '../dto/redeliver-failed.dto.js';
import {
  AdminWebhookDeliveryDetailResponseBody,
  AdminWebhookDeliveryResponseBody,
  AdminWebhookSubscriptionResponseBody,
  RedeliverFailedResponseBody,
} from './admin-webhook-response.schema.js';
import { AdminWebhooksService } from './admin-webhooks.service.js';

const SUBSCRIPTIONS: ListSpec = {
  sortable: ['created_at', 'partner_id', 'event_type'],
  filters: {
    id: 'id',
    partner_id: 'id',
    event_type: ['IDENTIFICATION', 'PERSON_CHANGED'],
    state: ['active', 'canceled', 'deleted'],
    url: 'text',
  },
  defaultSort: ['created_at', 'DESC'],
};

const DELIVERIES: ListSpec = {
  sortable: ['id', 'created_at', 'status', 'attempts', 'next_attempt_at'],
  filters: {
    id: 'id',
    subscription_id: 'id',
    partner_id: 'id',
    status: ['pending', 'delivered', 'failed', 'rejected', 'canceled'],
    event_type: ['IDENTIFICATION', 'PERSON_CHANGED'],
    entity_id: 'id',
    webhook_id: 'id',
    created_from: 'timestamp',
    created_to: 'timestamp',
  },
  defaultSort: ['id', 'DESC'],
};

@ApiTags('admin: webhooks')
@Controller('admin')
export class AdminWebhooksController {
  constructor(private readonly webhooks: AdminWebhooksService) {}

  @Get('webhook-subscriptions')
  @RequirePermission('webhooks.read')
  @ApiOperation({ summary: 'Subscriptions of every partner (react-admin list contract)' })
  @ApiOkResponse({ type: [AdminWebhookSubscriptionResponseBody] })
  async subscriptions(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const q = parseListQuery(query, SUBSCRIPTIONS);
    const { rows, total } = await this.webhooks.listSubscriptions(q);
    void reply.header('content-range', contentRange('webhook-subscriptions', q.offset, rows.length, total));
    return rows;
  }

  @Get('webhook-subscriptions/:id')
  @RequirePermission('webhooks.read')
  @ApiOperation({ summary: 'One subscription with its pending and failed delivery counts (audited)' })
  @ApiOkResponse({ type: AdminWebhookSubscriptionResponseBody })
  subscription(@Param('id') id: string, @Req() req: StaffRequest) {
    return this.webhooks.getSubscription(id, staffAuditContext(req));
  }

  @Get('webhook-deliveries')
  @RequirePermission('webhooks.read')
  @ApiOperation({ summary: 'Deliveries, one per event and subscription (react-admin list contract)' })
  @ApiOkResponse({ type: [AdminWebhookDeliveryResponseBody] })
  async deliveries(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseListQuery(query, DELIVERIES);
    const { rows, total } = await this.webhooks.listDeliveries(q);
    void reply.header('content-range', contentRange('webhook-deliveries', q.offset, rows.length, total));
    return rows;
  }

  @Get('webhook-deliveries/:id')
  @RequirePermission('webhooks.read')
  @ApiOperation({ summary: 'One delivery with its payload and every attempt (audited)' })
  @ApiOkResponse({ type: AdminWebhookDeliveryDetailResponseBody })
  delivery(@Param('id') id: string, @Req() req: StaffRequest) {
    return this.webhooks.getDelivery(id, staffAuditContext(req));
  }

  @Post('webhook-deliveries/:id/redeliver')
  @HttpCode(200)
  @RequirePermission('webhooks.redeliver')
  @ApiOperation({
    summary: 'Send a finished delivery again, same Solaris-Webhook-Id, next attempt number (audited)',
  })
  @ApiOkResponse({ type: AdminWebhookDeliveryDetailResponseBody })
  redeliver(@Param('id') id: string, @Req() req: StaffRequest) {
    return this.webhooks.redeliver(id, staffAuditContext(req));
  }

  @Post('webhook-deliveries/redeliver-failed')
  @HttpCode(200)
  @RequirePermission('webhooks.redeliver')
  @ApiOperation({ summary: 'Send every failed delivery created in [from, to) again (audited)' })
  @ApiOkResponse({ type: RedeliverFailedResponseBody })
  redeliverFailed(@Body() dto: RedeliverFailedDto, @Req() req: StaffRequest) {
    const from = new Date(dto.from);
    const to = new Date(dto.to);
    if (!(from < to)) throw ValidationError.field('to', 'must be after from');
    return this.webhooks.redeliverFailed(
      { from, to, subscriptionId: dto.subscription_id, partnerId: dto.partner_id },
      staffAuditContext(req),
    );
  }
}
