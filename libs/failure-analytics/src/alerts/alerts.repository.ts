import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListQuery } from '#kyc/common';
import { type FilterColumn, queryPage, type Tx } from '#kyc/database';

export interface AlertRow {
  id: string;
  reason: string;
  hour: Date;
  observed: string;
  baseline: number;
  factor: number;
  min_volume: number;
  raised_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  acknowledgement_note: string | null;
}

const SELECT = `SELECT a.*, s.display_name AS acknowledged_by_name
                  FROM analytics_alerts a LEFT JOIN staff_users s ON s.id = a.acknowledged_by`;
const FILTERS: Record<string, FilterColumn> = {
  id: { sql: 'a.id::text', op: '=' },
  open: { sql: '(a.acknowledged_at IS NULL)', op: '=' },
  reason: { sql: 'a.reason', op: '=' },
};
const SORTS = { raised_at: 'a.raised_at', hour: 'a.hour' };

/** Anomaly alerts: raised once per reason and hour (by any number of processes), acknowledged once. */
@Injectable()
export class AlertsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Raise, or raise the observed count of, the alert of this reason and hour; answers whether it is new. */
  async raise(a: {
    reason: string;
    hour: Date;
    observed: number;
    baseline: number;
    factor: number;
    minVolume: number;
    at: Date;
  }): Promise<boolean> {
    const [row] = await this.ds.query<{ inserted: boolean }[]>(
      `INSERT INTO analytics_alerts (reason, hour, observed, baseline, factor, min_volume, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (reason, hour) DO UPDATE SET observed = greatest(analytics_alerts.observed, EXCLUDED.observed)
       RETURNING (xmax = 0) AS inserted`,
      [a.reason, a.hour, a.observed, a.baseline, a.factor, a.minVolume, a.at],
    );
    return Boolean(row?.inserted);
  }

  async list(q: ListQuery): Promise<{ rows: AlertRow[]; total: number }> {
    return queryPage<AlertRow>(
      this.ds,
      { select: SELECT, count: 'SELECT count(*)::int AS total FROM analytics_alerts a' },
      q,
      { filters: FILTERS, sorts: SORTS, tiebreak: 'a.id' },
    );
  }

  async get(id: string): Promise<AlertRow | null> {
    const [row] = await this.ds.query<AlertRow[]>(`${SELECT} WHERE a.id = $1`, [id]);
    return row ?? null;
  }

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Acknowledge an open alert; answers false when it was already acknowledged (or does not exist). */
  async acknowledge(tx: Tx, id: string, by: string, note: string, at: Date): Promise<boolean> {
    const rows = await tx.query<{ id: string }[]>(
      `WITH done AS (
         UPDATE analytics_alerts SET acknowledged_at = $3, acknowledged_by = $2, acknowledgement_note = $4
          WHERE id = $1 AND acknowledged_at IS NULL RETURNING id)
       SELECT id FROM done`,
      [id, by, at, note],
    );
    return rows.length === 1;
  }
}
