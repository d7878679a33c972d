import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Retries back off to one an hour: a capture still pending this long after it was asked for is overdue. */
export const EVIDENCE_OVERDUE_MS = 6 * 3600_000;

export interface OverdueCapture {
  identification_id: string;
  status: string;
  since: string;
  attempts: number;
}

/** Evidence captures still pending past EVIDENCE_OVERDUE_MS: how many, and the oldest `cap`. */
@Injectable()
export class EvidenceBacklog {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async overdue(at: Date, cap: number): Promise<{ total: number; items: OverdueCapture[] }> {
    const rows = await this.ds.query<
      { total: number; identification_id: string; status: string; created_at: Date; attempts: number }[]
    >(
      `SELECT count(*) OVER ()::int AS total, identification_id, status, created_at, attempts
         FROM evidence_captures WHERE state = 'pending' AND created_at <= $1
        ORDER BY created_at, identification_id LIMIT $2`,
      [new Date(at.getTime() - EVIDENCE_OVERDUE_MS), cap],
    );
    return {
      total: rows[0]?.total ?? 0,
      items: rows.map((r) => ({
        identification_id: r.identification_id,
        status: r.status,
        since: new Date(r.created_at).toISOString(),
        attempts: r.attempts,
      })),
    };
  }
}

/** The evidence backlog on its own, for reports. */
@Module({ providers: [EvidenceBacklog], exports: [EvidenceBacklog] })
export class EvidenceBacklogModule {}
