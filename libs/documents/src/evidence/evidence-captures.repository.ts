import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One due capture, claimed: the identification, the status that asked for it, and whose it is. */
export interface ClaimedCapture {
  identificationId: string;
  status: string;
  attempts: number;
  createdAt: Date;
  partnerId: string;
  personId: string;
}

export type CaptureState = 'done' | 'unavailable' | 'failed';

/**
 * The queue of evidence captures (rows written by the identifications lib in the transaction of the
 * status change). Claims are leased: a crashed worker's claim is due again when its lease ends.
 */
@Injectable()
export class EvidenceCapturesRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async claim(now: Date, leaseMs: number, limit: number): Promise<ClaimedCapture[]> {
    const [rows] = await this.ds.query<
      [
        {
          identification_id: string;
          status: string;
          attempts: number;
          created_at: Date;
          partner_id: string;
          person_id: string;
        }[],
        number,
      ]
    >(
      `UPDATE evidence_captures c
          SET attempts = c.attempts + 1, next_attempt_at = $1::timestamptz + make_interval(secs => $2::float8 / 1000)
         FROM (SELECT identification_id, status FROM evidence_captures
                WHERE state = 'pending' AND next_attempt_at <= $1
                ORDER BY next_attempt_at, created_at LIMIT $3 FOR UPDATE SKIP LOCKED) d,
              identifications i
        WHERE c.identification_id = d.identification_id AND c.status = d.status AND i.id = c.identification_id
       RETURNING c.identification_id, c.status, c.attempts, c.created_at, i.partner_id, i.person_id`,
      [now, leaseMs, limit],
    );
    return rows.map((r) => ({
      identificationId: r.identification_id,
      status: r.status,
      attempts: r.attempts,
      createdAt: r.created_at,
      partnerId: r.partner_id,
      personId: r.person_id,
    }));
  }

  async finish(c: ClaimedCapture, state: CaptureState, documents: number, error: string | null, at: Date) {
    await this.ds.query(
      `UPDATE evidence_captures SET state = $3, documents = documents + $4, last_error = $5, finished_at = $6
        WHERE identification_id = $1 AND status = $2`,
      [c.identificationId, c.status, state, documents, error, at],
    );
  }

  async retryAt(c: ClaimedCapture, next: Date, documents: number, error: string) {
    await this.ds.query(
      `UPDATE evidence_captures SET next_attempt_at = $3, documents = documents + $4, last_error = $5
        WHERE identification_id = $1 AND status = $2`,
      [c.identificationId, c.status, next, documents, error],
    );
  }

  /** The provider canceled the identification: its copy is gone, ours is marked (and kept). */
  async markProviderCanceled(identificationId: string, at: Date): Promise<number> {
    const [, count] = await this.ds.query<[unknown[], number]>(
      `UPDATE documents SET provider_canceled_at = $2
        WHERE identification_id = $1 AND source = 'provider' AND provider_canceled_at IS NULL`,
      [identificationId, at],
    );
    return count;
  }
}
