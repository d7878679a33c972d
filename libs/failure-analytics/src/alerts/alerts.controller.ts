import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { AuditService } from '#kyc/audit';
import {
  Clock,
  ConflictError,
  contentRange,
  type ListSpec,
  NotFoundError,
  parseListQuery,
} from '#kyc/common';
import { classifyOutcome, FAILURE_CODES } from '#kyc/identifications';
import { RequirePermission, staffAuditContext, type StaffRequest } from '#kyc/staff';
import { type AlertRow, AlertsRepository } from './alerts.repository.js';
import { AnalyticsAlertResponseBody } from './analytics-alert-response.schema.js';

const ALERTS: ListSpec = {
  sortable: ['raised_at', 'hour'],
  filters: { id: 'id', open: 'boolean', reason: FAILURE_CODES.map((c) => c.code) },
  defaultSort: ['raised_at', 'DESC'],
};

export class AcknowledgeAlertDto {
  @ApiProperty({ description: 'What was found or done (1-500 characters)' })
  @Length(1, 500)
  @IsString()
  note!: string;
}

/** Failure-rate alerts: listed for compliance, acknowledged once with a note (audited). */
@ApiTags('admin: analytics')
@Controller('admin/analytics-alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @RequirePermission('analytics.read')
  @ApiOperation({ summary: 'Failure-rate alerts, newest first (react-admin list contract; filter open)' })
  @ApiOkResponse({ type: [AnalyticsAlertResponseBody] })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseListQuery(query, ALERTS);
    const { rows, total } = await this.alerts.list(q);
    void reply.header('content-range', contentRange('analytics-alerts', q.offset, rows.length, total));
    return rows.map(view);
  }

  @Get(':id')
  @RequirePermission('analytics.read')
  @ApiOperation({ summary: 'One failure-rate alert' })
  @ApiOkResponse({ type: AnalyticsAlertResponseBody })
  async get(@Param('id') id: string) {
    return view(await this.find(id));
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @RequirePermission('analytics.acknowledge')
  @ApiOperation({ summary: 'Acknowledge an open alert with a note (audited); 409 when already acknowledged' })
  @ApiOkResponse({ type: AnalyticsAlertResponseBody, description: 'The alert, acknowledged' })
  async acknowledge(@Param('id') id: string, @Body() body: AcknowledgeAlertDto, @Req() req: StaffRequest) {
    const alert = await this.find(id);
    const done = await this.alerts.transaction(async (tx) => {
      const ok = await this.alerts.acknowledge(tx, alert.id, req.staff!.userId, body.note, this.clock.now());
      if (!ok) return false;
      await this.audit.record(
        {
          ...staffAuditContext(req),
          action: 'analytics_alert.acknowledged',
          entityType: 'analytics_alert',
          entityId: alert.id,
          diff: { reason: alert.reason, hour: alert.hour, observed: Number(alert.observed), note: body.note },
        },
        tx,
      );
      return true;
    });
    if (!done) throw new ConflictError('The alert is already acknowledged.');
    return view(await this.find(id));
  }

  private async find(id: string): Promise<AlertRow> {
    const found = /^[1-9][0-9]{0,17}$/.test(id) ? await this.alerts.get(id) : null;
    if (!found) throw new NotFoundError('AnalyticsAlert', id);
    return found;
  }
}

function view(a: AlertRow) {
  return {
    id: String(a.id),
    reason: a.reason,
    category: classifyOutcome('canceled', a.reason).category,
    hour: a.hour,
    observed: Number(a.observed),
    baseline: Math.round(a.baseline * 100) / 100,
    factor: a.factor,
    min_volume: a.min_volume,
    raised_at: a.raised_at,
    acknowledged_at: a.acknowledged_at,
    acknowledged_by: a.acknowledged_by,
    acknowledged_by_name: a.acknowledged_by_name,
    acknowledgement_note: a.acknowledgement_note,
  };
}
