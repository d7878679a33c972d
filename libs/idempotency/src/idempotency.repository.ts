import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Queryable } from '#kyc/common';

/** Which claim of which key. */
export interface ClaimToken {
  partnerId: string;
  key: string;
  token: string;
}

/** What a request is, for comparison with the first request that used its key. */
export interface RequestFingerprint {
  method: string;
  path: string;
  /** Digest of the body; null for an upload until its body has been read. */
  requestHash: string | null;
}

export interface StoredReply {
  status: number;
  contentType: string | null;
  body: Buffer;
}

export interface KeyRow extends RequestFingerprint {
  state: 'in_flight' | 'completed';
  claimToken: string;
  lockedAt: Date;
  expiresAt: Date;
  reply: StoredReply | null;
  /** What the claimed request created, written in its transaction; null when it created nothing yet. */
  resourcePath: string | null;
}

/** A fresh claim: the key, the claim's token and when it runs out. */
export interface ClaimRequest extends RequestFingerprint {
  partnerId: string;
  key: string;
  token: string;
  at: Date;
  expiresAt: Date;
}

interface RawRow {
  method: string;
  path: string;
  request_hash: string | null;
  state: 'in_flight' | 'completed';
  claim_token: string;
  locked_at: Date;
  expires_at: Date;
  response_status: number | null;
  response_content_type: string | null;
  response_body: Buffer | null;
  resource_path: string | null;
}

/**
 * The idempotency_keys table; every statement is its own short transaction (no handler work inside).
 * UPDATE and DELETE answer `[rows, count]` through TypeORM, INSERT answers the rows.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** INSERT … ON CONFLICT DO NOTHING: true when this request now owns the key. */
  async insertClaim(c: ClaimRequest): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `INSERT INTO idempotency_keys
         (partner_id, idempotency_key, method, path, request_hash, state, claim_token, locked_at, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'in_flight', $6, $7, $7, $8)
       ON CONFLICT (partner_id, idempotency_key) DO NOTHING
       RETURNING claim_token`,
      [c.partnerId, c.key, c.method, c.path, c.requestHash, c.token, c.at, c.expiresAt],
    );
    return rows.length === 1;
  }

  /**
   * Take over an expired key or an abandoned claim, if `previousToken` still holds it (compare-and-set).
   * `keepResource` keeps what the abandoned claim created (its reply is rebuilt from it); otherwise the key
   * starts afresh.
   */
  async takeOver(c: ClaimRequest, previousToken: string, keepResource = false): Promise<boolean> {
    const [rows] = await this.db.query<[unknown[], number]>(
      `UPDATE idempotency_keys
          SET method = $3, path = $4, request_hash = $5, state = 'in_flight', claim_token = $6,
              locked_at = $7, created_at = $7, expires_at = $8, completed_at = NULL,
              response_status = NULL, response_content_type = NULL, response_body = NULL,
              resource_path = CASE WHEN $10::boolean THEN resource_path END
        WHERE partner_id = $1 AND idempotency_key = $2 AND claim_token = $9
       RETURNING claim_token`,
      [
        c.partnerId,
        c.key,
        c.method,
        c.path,
        c.requestHash,
        c.token,
        c.at,
        c.expiresAt,
        previousToken,
        keepResource,
      ],
    );
    return rows.length === 1;
  }

  /** In the creating request's own transaction (`tx`): the claim created `path`. */
  async recordResource(tx: Queryable, claim: ClaimToken, path: string): Promise<void> {
    await tx.query(
      `UPDATE idempotency_keys SET resource_path = $4
        WHERE partner_id = $1 AND idempotency_key = $2 AND claim_token = $3`,
      [claim.partnerId, claim.key, claim.token, path],
    );
  }

  async find(partnerId: string, key: string): Promise<KeyRow | null> {
    const [row] = await this.db.query<RawRow[]>(
      `SELECT method, path, request_hash, state, claim_token, locked_at, expires_at,
              response_status, response_content_type, response_body, resource_path
         FROM idempotency_keys WHERE partner_id = $1 AND idempotency_key = $2`,
      [partnerId, key],
    );
    if (!row) return null;
    return {
      method: row.method,
      path: row.path,
      requestHash: row.request_hash,
      state: row.state,
      claimToken: row.claim_token,
      lockedAt: row.locked_at,
      expiresAt: row.expires_at,
      reply:
        row.state === 'completed' && row.response_status !== null && row.response_body !== null
          ? { status: row.response_status, contentType: row.response_content_type, body: row.response_body }
          : null,
      resourcePath: row.resource_path,
    };
  }

  /** Store the reply of the claim's request; false when the claim was taken over meanwhile. */
  async complete(
    partnerId: string,
    key: string,
    token: string,
    requestHash: string,
    reply: StoredReply,
    at: Date,
  ): Promise<boolean> {
    const [rows] = await this.db.query<[unknown[], number]>(
      `UPDATE idempotency_keys
          SET state = 'completed', request_hash = $4, response_status = $5, response_content_type = $6,
              response_body = $7, completed_at = $8
        WHERE partner_id = $1 AND idempotency_key = $2 AND claim_token = $3 AND state = 'in_flight'
       RETURNING claim_token`,
      [partnerId, key, token, requestHash, reply.status, reply.contentType, reply.body, at],
    );
    return rows.length === 1;
  }

  /** Give the key back (5xx, refused input): the next request with it executes. */
  async release(partnerId: string, key: string, token: string): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_keys WHERE partner_id = $1 AND idempotency_key = $2 AND claim_token = $3`,
      [partnerId, key, token],
    );
  }

  /**
   * Delete up to `limit` expired keys (a claim still within its lease is left to finish); true when the
   * batch was full.
   */
  async purgeExpired(
    now: Date,
    leaseCutoff: Date,
    limit: number,
  ): Promise<{ purged: number; more: boolean }> {
    const [rows] = await this.db.query<[unknown[], number]>(
      `DELETE FROM idempotency_keys
        WHERE (partner_id, idempotency_key) IN (
          SELECT partner_id, idempotency_key FROM idempotency_keys
           WHERE expires_at <= $1 AND (state = 'completed' OR locked_at <= $2)
           ORDER BY expires_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING 1`,
      [now, leaseCutoff, limit],
    );
    return { purged: rows.length, more: rows.length === limit };
  }
}
