import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '#kyc/common';
import { RequirePermission } from '#kyc/staff';
import { parseAnalyticsQuery } from './analytics-query.js';
import { AnalyticsService } from './analytics.service.js';
import { FailuresResponseBody } from './failures-response.schema.js';
import { FunnelResponseBody } from './funnel-response.schema.js';
import { RetriesResponseBody } from './retries-response.schema.js';
import { StatusTrendResponseBody } from './status-trend-response.schema.js';
import { TimeToFinalResponseBody } from './time-to-final-response.schema.js';
import { TopReasonsResponseBody } from './top-reasons-response.schema.js';

const PARAMS =
  'from, to (ISO 8601, whole UTC hours; default the last 7 days), granularity (hour|day|week), partner_id, ' +
  'language (DE|EN), status (comma list of outcome statuses), category, permanent, caused_by_user';

/**
 * Failure analytics for compliance leads: counts only, no personal data (nothing to audit). Every answer
 * is read from the rollup (docs/ANALYTICS.md), so it stays fast at millions of identifications.
 */
@ApiTags('admin: analytics')
@Controller('admin/analytics')
export class AnalyticsController {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly clock: Clock,
  ) {}

  private query(raw: Record<string, unknown>) {
    return parseAnalyticsQuery(raw, this.clock.now());
  }

  @Get('status-trend')
  @RequirePermission('analytics.read')
  @ApiOperation({ summary: 'Outcomes by status per bucket', description: PARAMS })
  @ApiOkResponse({ type: StatusTrendResponseBody })
  statusTrend(@Query() raw: Record<string, unknown>) {
    return this.analytics.statusTrend(this.query(raw));
  }

  @Get('failures')
  @RequirePermission('analytics.read')
  @ApiOperation({
    summary: 'Failures by code, category, permanent vs temporary and user-caused vs not, with shares',
    description: PARAMS,
  })
  @ApiOkResponse({ type: FailuresResponseBody })
  failures(@Query() raw: Record<string, unknown>) {
    return this.analytics.failures(this.query(raw));
  }

  @Get('funnel')
  @RequirePermission('analytics.read')
  @ApiOperation({
    summary: 'Created → requested → reviewed → successful for identifications created in the range',
    description: `${PARAMS}. Only partner_id and language narrow the funnel.`,
  })
  @ApiOkResponse({ type: FunnelResponseBody })
  funnel(@Query() raw: Record<string, unknown>) {
    return this.analytics.funnel(this.query(raw));
  }

  @Get('time-to-final')
  @RequirePermission('analytics.read')
  @ApiOperation({
    summary: 'Median and p90 time to a final status, overall, per status and per path',
    description: PARAMS,
  })
  @ApiOkResponse({ type: TimeToFinalResponseBody })
  timeToFinal(@Query() raw: Record<string, unknown>) {
    return this.analytics.timeToFinal(this.query(raw));
  }

  @Get('retries')
  @RequirePermission('analytics.read')
  @ApiOperation({
    summary: 'Re-identifications by the reason of the identification they follow, and how many succeeded',
    description: `${PARAMS}. category, permanent and caused_by_user apply to the previous reason.`,
  })
  @ApiOkResponse({ type: RetriesResponseBody })
  retries(@Query() raw: Record<string, unknown>) {
    return this.analytics.retries(this.query(raw));
  }

  @Get('top-reasons')
  @RequirePermission('analytics.read')
  @ApiOperation({
    summary:
      'The most frequent failure reasons, with the change against the previous range of the same length',
    description: `${PARAMS}, limit (1-100, default 10)`,
  })
  @ApiOkResponse({ type: TopReasonsResponseBody })
  topReasons(@Query() raw: Record<string, unknown>) {
    return this.analytics.topReasons(this.query(raw));
  }
}
