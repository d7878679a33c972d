import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { AuditService } from '#kyc/audit';
import {
  Clock,
  contentRange,
  type ListSpec,
  NotFoundError,
  parseListQuery,
  ValidationError,
} from '#kyc/common';
import { RequirePermission, staffAuditContext, type StaffRequest } from '#kyc/staff';
import { JobRunner } from '../job-runner.js';
import { type JobRunRow, JobRunsRepository } from '../job-runs.repository.js';
import { type JobSetting, settingPrefix } from '../job-settings.js';
import { JOB_SETTINGS } from '../job-scheduler.js';
import { JobResponseBody } from './job-response.schema.js';
import { JobRunResponseBody, RUN_STATUSES, RUN_TRIGGERS } from './job-run-response.schema.js';

const STATUSES: string[] = [...RUN_STATUSES];

export class RunJobDto {
  @ApiPropertyOptional({
    description: 'Show what the run would change without changing it (jobs that offer it)',
  })
  @IsOptional()
  @IsBoolean()
  dry_run?: boolean;
}

/** The scheduled jobs (admins): schedules, last runs with counts and durations, and "run now" (audited). */
@ApiTags('admin: jobs')
@ApiExtraModels(JobRunResponseBody)
@Controller('admin/jobs')
export class JobsController {
  private readonly runsSpec: ListSpec;

  constructor(
    private readonly runner: JobRunner,
    private readonly runs: JobRunsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(JOB_SETTINGS) private readonly settings: Map<string, JobSetting>,
  ) {
    this.runsSpec = {
      sortable: ['started_at', 'slot'],
      filters: {
        job: this.runner.definitions.map((d) => d.name),
        status: STATUSES,
        trigger: [...RUN_TRIGGERS],
      },
      defaultSort: ['started_at', 'DESC'],
    };
  }

  @Get()
  @RequirePermission('jobs.read')
  @ApiOperation({
    summary: 'Every job: schedule, enabled, next slot, latest run, runs of the last 24 hours by status',
  })
  @ApiOkResponse({ type: [JobResponseBody] })
  async list(@Res({ passthrough: true }) reply: FastifyReply) {
    const rows = await this.jobRows();
    void reply.header('content-range', contentRange('jobs', 0, rows.length, rows.length));
    return rows;
  }

  /** Each job as the list shows it. */
  private async jobRows() {
    const now = this.clock.now();
    const { latest, counts } = await this.runs.overview(new Date(now.getTime() - 86_400_000));
    const rows = this.runner.definitions.map((d) => {
      const setting = this.settings.get(d.name)!;
      const last24h = Object.fromEntries(STATUSES.map((s) => [s, 0]));
      for (const c of counts) if (c.job === d.name) last24h[c.status] = c.n;
      const last = latest.find((r) => r.job === d.name);
      return {
        id: d.name,
        title: d.title,
        description: d.description,
        schedule: setting.schedule.expression,
        schedule_setting: `${settingPrefix(d.name)}_SCHEDULE`,
        enabled: setting.enabled,
        enabled_setting: `${settingPrefix(d.name)}_ENABLED`,
        dry_run_supported: d.dryRun,
        next_run_at: setting.enabled ? setting.schedule.next(now) : null,
        last_run: last ? runView(last) : null,
        last_24h: last24h,
      };
    });
    return rows;
  }

  @Get('runs')
  @RequirePermission('jobs.read')
  @ApiOperation({
    summary: 'Run rows, newest first (react-admin list contract; filter job, status, trigger)',
  })
  @ApiOkResponse({ type: [JobRunResponseBody] })
  async listRuns(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseListQuery(query, this.runsSpec);
    const { rows, total } = await this.runs.list(q);
    void reply.header('content-range', contentRange('job-runs', q.offset, rows.length, total));
    return rows.map(runView);
  }

  @Get('runs/:id')
  @RequirePermission('jobs.read')
  @ApiOperation({ summary: 'One run: counts, duration, outcome and summary' })
  @ApiOkResponse({ type: JobRunResponseBody })
  async getRun(@Param('id') id: string) {
    const run = await this.runs.get(id);
    if (!run) throw new NotFoundError('JobRun', id);
    return runView(run);
  }

  @Get(':name')
  @RequirePermission('jobs.read')
  @ApiOperation({ summary: 'One job, as in the list' })
  @ApiOkResponse({ type: JobResponseBody })
  async get(@Param('name') name: string) {
    const row = (await this.jobRows()).find((j) => j.id === name);
    if (!row) throw new NotFoundError('Job', name);
    return row;
  }

  @Post(':name/runs')
  @HttpCode(202)
  @RequirePermission('jobs.run')
  @ApiOperation({ summary: 'Run a job now, in the background (audited); answers the run row to follow' })
  @ApiAcceptedResponse({ type: JobRunResponseBody, description: 'Started; the run row, status running' })
  async runNow(@Param('name') name: string, @Body() body: RunJobDto, @Req() req: StaffRequest) {
    const job = this.runner.job(name);
    if (!job) throw new NotFoundError('Job', name);
    const dryRun = body.dry_run ?? false;
    if (dryRun && !job.definition.dryRun) {
      throw new ValidationError([{ field: 'dry_run', message: `is not offered by the job ${name}` }]);
    }
    const slot = this.clock.now();
    await this.audit.record({
      ...staffAuditContext(req),
      action: 'job.run_requested',
      entityType: 'job',
      entityId: name,
      diff: { slot: slot.toISOString(), dry_run: dryRun },
    });
    // Only scheduled slots are unique: a manual run is always claimed.
    const run = await this.runner.start(name, slot, {
      trigger: 'manual',
      requestedBy: req.staff!.userId,
      dryRun,
    });
    return runView(run!);
  }
}

export function runView(r: JobRunRow) {
  const started = new Date(r.started_at);
  return {
    id: String(r.id),
    job: r.job,
    slot: r.slot,
    trigger: r.trigger,
    requested_by: r.requested_by,
    runner: r.runner,
    status: r.status,
    dry_run: r.dry_run,
    started_at: r.started_at,
    finished_at: r.finished_at,
    duration_ms: r.finished_at ? new Date(r.finished_at).getTime() - started.getTime() : null,
    processed: r.processed,
    skipped: r.skipped,
    failed: r.failed,
    error: r.error,
    summary: r.summary,
  };
}
