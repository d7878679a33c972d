import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { contentRange, type ListSpec, NotFoundError, parseListQuery } from '#kyc/common';
import { RequirePermission } from '#kyc/staff';
import { DriftReportDetailResponseBody, DriftReportResponseBody } from './drift-report-response.schema.js';
import { type DriftReportRow, DriftReportsRepository } from './drift-reports.repository.js';

const REPORTS: ListSpec = {
  sortable: ['created_at', 'slot'],
  filters: { id: 'id', run_id: 'id' },
  defaultSort: ['created_at', 'DESC'],
};

/** The nightly drift reports (admins, compliance officers): read only; the job writes them. */
@ApiTags('admin: jobs')
@Controller('admin/drift-reports')
export class DriftReportsController {
  constructor(private readonly reports: DriftReportsRepository) {}

  @Get()
  @RequirePermission('drift_reports.read')
  @ApiOperation({ summary: 'Drift reports with their counts, newest first (react-admin list contract)' })
  @ApiOkResponse({ type: [DriftReportResponseBody] })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseListQuery(query, REPORTS);
    const { rows, total } = await this.reports.list(q);
    void reply.header('content-range', contentRange('drift-reports', q.offset, rows.length, total));
    return rows.map(view);
  }

  @Get(':id')
  @RequirePermission('drift_reports.read')
  @ApiOperation({ summary: 'One drift report: counts and the capped lists of findings per section' })
  @ApiOkResponse({ type: DriftReportDetailResponseBody })
  async get(@Param('id') id: string) {
    const found = /^[1-9][0-9]{0,17}$/.test(id) ? await this.reports.get(id) : null;
    if (!found) throw new NotFoundError('DriftReport', id);
    return view(found);
  }
}

function view(r: DriftReportRow) {
  return {
    id: String(r.id),
    run_id: String(r.run_id),
    created_at: r.created_at,
    slot: r.slot,
    summary: r.summary,
    ...(r.findings === undefined ? {} : { findings: r.findings }),
  };
}
