import { ApiProperty } from '@nestjs/swagger';
import type { JobRunRow, RunStatus } from '../job-runs.repository.js';

/** Every status a run row can have (the table's check constraint), in the order a run goes through them. */
export const RUN_STATUSES = [
  'running',
  'succeeded',
  'failed',
  'interrupted',
] as const satisfies readonly RunStatus[];

/** What started a run: its cron schedule, or a staff user's "run now". */
export const RUN_TRIGGERS = ['schedule', 'manual'] as const satisfies readonly JobRunRow['trigger'][];

const dateTime = { type: String, format: 'date-time' } as const;

/** One run row, exactly what `runView` answers (run lists, one run, "run now", a job's latest run). */
export class JobRunResponseBody {
  @ApiProperty() id: string;
  @ApiProperty({ description: "The job's name, as in GET /admin/jobs" }) job: string;
  @ApiProperty({ ...dateTime, description: 'The time slot the run is for' }) slot: string;
  @ApiProperty({ enum: RUN_TRIGGERS }) trigger: string;
  @ApiProperty({ type: String, nullable: true, description: 'The staff user who asked for a manual run' })
  requested_by: string | null;
  @ApiProperty({ description: 'The process that ran it (host:pid)' }) runner: string;
  @ApiProperty({ enum: RUN_STATUSES }) status: string;
  @ApiProperty() dry_run: boolean;
  @ApiProperty(dateTime) started_at: string;
  @ApiProperty({ ...dateTime, nullable: true, description: 'Null while running' }) finished_at: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null while running' })
  duration_ms: number | null;
  @ApiProperty({ type: 'integer' }) processed: number;
  @ApiProperty({ type: 'integer' }) skipped: number;
  @ApiProperty({ type: 'integer' }) failed: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why it failed or was interrupted' })
  error: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      "The job's own summary (its keys vary by job); null while running, after a failure, or when the job gives none",
  })
  summary: Record<string, unknown> | null;
}
