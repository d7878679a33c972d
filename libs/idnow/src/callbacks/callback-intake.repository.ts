import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { currentRequestId } from '#kyc/common';

export interface ClaimedCallback {
  id: string;
  transaction_number: string;
  attempts: number;
  received_at: Date;
  /** The request that brought the callback: the events its processing writes name it. */
  request_id: string | null;
}

/** Provider callbacks: stored first (deduplicated by body), processed after, with a lease and retries. */
@Injectable()
export class CallbackIntakeRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** One INSERT; an identical body already stored is a duplicate and inserts nothing. */
  async store(
    provider: string,
    transactionNumber: string,
    body: unknown,
    sourceIp: string | null,
  ): Promise<boolean> {
    const json = JSON.stringify(body);
    const sha = createHash('sha256').update(json).digest('hex');
    const rows: unknown[] = await this.ds.query(
      `INSERT INTO provider_callbacks (provider, transaction_number, body, body_sha256, source_ip, request_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (provider, body_sha256) DO NOTHING RETURNING id`,
      [provider, transactionNumber, json, sha, sourceIp, currentRequestId() ?? null],
    );
    return rows.length > 0;
  }

  /**
   * Claim due callbacks in a short transaction: they are leased for `leaseMs` (a crashed worker's
   * claims come back after that) and SKIP LOCKED keeps concurrent processors apart.
   */
  async claimDue(
    provider: string,
    limit: number,
    leaseMs: number,
    scope: { only?: readonly string[]; except?: readonly string[] } = {},
  ): Promise<ClaimedCallback[]> {
    // TypeORM answers [rows, count] for UPDATE ... RETURNING.
    const [rows] = await this.ds.query<[ClaimedCallback[], number]>(
      `UPDATE provider_callbacks c
          SET attempts = c.attempts + 1, next_attempt_at = now() + ($3 || ' milliseconds')::interval
        WHERE c.id IN (SELECT id FROM provider_callbacks
                        WHERE provider = $1 AND processed_at IS NULL AND next_attempt_at <= now()
                          AND ($4::text[] IS NULL OR transaction_number = ANY($4::text[]))
                          AND NOT (transaction_number = ANY($5::text[]))
                        ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING c.id, c.transaction_number, c.attempts, c.received_at, c.request_id`,
      [provider, limit, String(leaseMs), scope.only ?? null, scope.except ?? []],
    );
    return rows;
  }

  /** Mark callbacks processed with their outcome; pass the apply transaction so both commit together. */
  async markProcessed(
    outcomes: { id: string; outcome: string }[],
    tx: EntityManager = this.ds.manager,
  ): Promise<void> {
    if (!outcomes.length) return;
    await tx.query(
      `UPDATE provider_callbacks c SET processed_at = now(), outcome = x.outcome, last_error = NULL
         FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, outcome text) WHERE c.id = x.id`,
      [JSON.stringify(outcomes)],
    );
  }

  async markFailed(ids: string[], error: string, retryInMs: number): Promise<void> {
    await this.ds.query(
      `UPDATE provider_callbacks SET last_error = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval
        WHERE id = ANY($1::bigint[])`,
      [ids, error, String(retryInMs)],
    );
  }

  /** Unprocessed callbacks and the oldest one's age in seconds (the partial due index holds only these). */
  async backlog(provider: string): Promise<{ n: number; age: number | null }> {
    const [row] = await this.ds.query<{ n: number; age: number | null }[]>(
      `SELECT count(*)::int AS n, extract(epoch FROM now() - min(received_at))::float8 AS age
         FROM provider_callbacks WHERE provider = $1 AND processed_at IS NULL`,
      [provider],
    );
    return { n: row?.n ?? 0, age: row?.age ?? null };
  }

  async pendingCount(provider: string): Promise<number> {
    const [row] = await this.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM provider_callbacks WHERE provider = $1 AND processed_at IS NULL`,
      [provider],
    );
    return row?.n ?? 0;
  }
}
