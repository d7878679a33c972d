import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** An open case's SLA state is "escalated" while its escalation is not older than the case itself. */
export const ESCALATED_SQL = 'i.case_escalated_at >= i.case_opened_at';

export interface DueCase {
  id: string;
  case_opened_at: Date;
  case_due_at: Date;
}

export interface ReviewSummaryRow {
  open: number;
  overdue: number;
  escalated: number;
}

/** The review SLA's reads and writes on identifications: cases past their due time, escalation, counts. */
@Injectable()
export class ReviewSlaRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Open cases due at or before `at` and not escalated yet, locked (others' locked rows skipped). */
  lockDue(tx: EntityManager, at: Date, limit: number): Promise<DueCase[]> {
    return tx.query<DueCase[]>(
      `SELECT i.id, i.case_opened_at, i.case_due_at FROM identifications i
        WHERE i.case_opened_at IS NOT NULL AND i.case_due_at <= $1
          AND (i.case_escalated_at IS NULL OR i.case_escalated_at < i.case_opened_at)
        ORDER BY i.case_due_at, i.id LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      [at, limit],
    );
  }

  /** Escalate the cases at `at` (one statement; neither the version nor updated_at change: no one decided). */
  async markEscalated(tx: EntityManager, ids: string[], at: Date): Promise<void> {
    await tx.query(`UPDATE identifications SET case_escalated_at = $2 WHERE id = ANY($1::char(36)[])`, [
      ids,
      at,
    ]);
  }

  /** Open cases, those past their SLA at `now`, those the SLA job escalated. */
  async summary(now: Date): Promise<ReviewSummaryRow> {
    const [row] = await this.ds.query<ReviewSummaryRow[]>(
      `SELECT count(*)::int AS open,
              count(*) FILTER (WHERE i.case_due_at <= $1)::int AS overdue,
              count(*) FILTER (WHERE ${ESCALATED_SQL})::int AS escalated
         FROM identifications i WHERE i.case_opened_at IS NOT NULL`,
      [now],
    );
    return row;
  }
}
