import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListQuery } from '#kyc/common';
import { type FilterColumn, queryPage } from '#kyc/database';

export interface DriftReportRow {
  id: string;
  run_id: string;
  created_at: Date;
  slot: Date;
  summary: Record<string, unknown>;
  findings?: Record<string, unknown>;
}

const FILTERS: Record<string, FilterColumn> = {
  id: { sql: 'r.id::text', op: '=' },
  run_id: { sql: 'r.run_id::text', op: '=' },
};
const SORTS = { created_at: 'r.created_at', slot: 'r.slot' };

/** The stored drift reports: one per run of `drift_report`; lists carry the summary, one report its findings. */
@Injectable()
export class DriftReportsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(r: {
    runId: string;
    slot: Date;
    summary: Record<string, unknown>;
    findings: Record<string, unknown>;
  }): Promise<string> {
    const [row] = await this.ds.query<{ id: string }[]>(
      `INSERT INTO drift_reports (run_id, slot, summary, findings) VALUES ($1, $2, $3, $4) RETURNING id`,
      [r.runId, r.slot, JSON.stringify(r.summary), JSON.stringify(r.findings)],
    );
    return String(row.id);
  }

  list(q: ListQuery): Promise<{ rows: DriftReportRow[]; total: number }> {
    return queryPage<DriftReportRow>(
      this.ds,
      {
        select: 'SELECT r.id, r.run_id, r.created_at, r.slot, r.summary FROM drift_reports r',
        count: 'SELECT count(*)::int AS total FROM drift_reports r',
      },
      q,
      { filters: FILTERS, sorts: SORTS, tiebreak: 'r.id' },
    );
  }

  async get(id: string): Promise<DriftReportRow | null> {
    const [row] = await this.ds.query<DriftReportRow[]>(`SELECT * FROM drift_reports WHERE id = $1`, [id]);
    return row ?? null;
  }
}
