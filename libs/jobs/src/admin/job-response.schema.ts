import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { JobRunResponseBody } from './job-run-response.schema.js';

const count = { type: 'integer' } as const;

/** A job's runs started in the last 24 hours, by status (every status present, 0 when none). */
export class JobRunCountsBody {
  @ApiProperty(count) running: number;
  @ApiProperty(count) succeeded: number;
  @ApiProperty(count) failed: number;
  @ApiProperty(count) interrupted: number;
}

/** One scheduled job, exactly what the list (and `GET /admin/jobs/{name}`) answers. */
export class JobResponseBody {
  @ApiProperty({ description: "The job's name, e.g. expire_links" }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Cron expression, UTC' }) schedule: string;
  @ApiProperty({ description: 'The setting that overrides the schedule, JOB_<NAME>_SCHEDULE' })
  schedule_setting: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ description: 'The setting that switches it off, JOB_<NAME>_ENABLED' })
  enabled_setting: string;
  @ApiProperty({ description: 'Whether "run now" may ask for a dry run' }) dry_run_supported: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null when disabled' })
  next_run_at: string | null;
  // OpenAPI 3.0 cannot mark a $ref nullable: the run, or null (a nullable enum of just null).
  @ApiProperty({
    oneOf: [{ $ref: getSchemaPath(JobRunResponseBody) }, { type: 'object', nullable: true, enum: [null] }],
    description: 'The latest run, null when it never ran',
  })
  last_run: JobRunResponseBody | null;
  @ApiProperty({ type: JobRunCountsBody }) last_24h: JobRunCountsBody;
}
