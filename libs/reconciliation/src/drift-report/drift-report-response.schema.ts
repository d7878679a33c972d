import { ApiProperty } from '@nestjs/swagger';

const dateTime = { type: String, format: 'date-time' } as const;

/** A drift report as the list answers it: its counts, not its findings. */
export class DriftReportResponseBody {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The drift_report run that wrote it (GET /admin/jobs/runs/{id})' })
  run_id: string;
  @ApiProperty(dateTime) created_at: string;
  @ApiProperty({ ...dateTime, description: "The run's time slot: the report is as of then" }) slot: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Counts per check and their total, whether the provider answered, the rollup range compared',
  })
  summary: Record<string, unknown>;
}

/** `GET /admin/drift-reports/{id}`: the report with its capped lists of findings per section. */
export class DriftReportDetailResponseBody extends DriftReportResponseBody {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Per section (provider, stuck, outbox, rollup): the capped lists of ids and keys found',
  })
  findings: Record<string, unknown>;
}
