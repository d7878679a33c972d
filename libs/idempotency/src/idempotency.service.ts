import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Clock, Env, type Queryable } from '#kyc/common';
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError } from './errors/idempotency-errors.js';
import {
  type ClaimRequest,
  IdempotencyRepository,
  type RequestFingerprint,
  type StoredReply,
} from './idempotency.repository.js';

/** A request's hold on its key, until its reply is stored or the key released. */
export interface Claim {
  partnerId: string;
  key: string;
  token: string;
  requestHash: string | null;
}

/**
 * Run the handler; send a stored reply; or rebuild the reply of a claim whose process died after its
 * create committed (the resource at `resourcePath`, read again), without running the handler.
 */
export type Begin =
  | { kind: 'execute'; claim: Claim }
  | { kind: 'replay'; reply: StoredReply }
  | { kind: 'recover'; claim: Claim; resourcePath: string };

/** Replies to refused input: nothing was written, so the client may fix the request and reuse the key. */
const REFUSED_INPUT = new Set([400, 413, 415, 422]);

/** Stripe's idempotency semantics over the idempotency_keys table (see docs/IDEMPOTENCY.md). */
@Injectable()
export class IdempotencyService {
  private readonly log = new Logger(IdempotencyService.name);

  constructor(
    private readonly repo: IdempotencyRepository,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  /**
   * Claim the key for this request, or answer the key's first reply. Throws 409 while another request
   * holds the key, 422 when the key was used for another request. `readBodyHash` reads an upload's body
   * (only when the request must be compared with a stored one).
   */
  async begin(
    partnerId: string,
    key: string,
    request: RequestFingerprint,
    readBodyHash: () => Promise<string | undefined>,
  ): Promise<Begin> {
    // A row deleted or taken over between our statements sends us round again; three rounds is plenty.
    for (let round = 0; round < 3; round++) {
      const now = this.clock.now();
      const claim: ClaimRequest = {
        ...request,
        partnerId,
        key,
        token: randomUUID(),
        at: now,
        expiresAt: new Date(now.getTime() + this.env.IDEMPOTENCY_TTL_HOURS * 3_600_000),
      };
      const execute: Begin = {
        kind: 'execute',
        claim: { partnerId, key, token: claim.token, requestHash: request.requestHash },
      };
      if (await this.repo.insertClaim(claim)) return execute;
      const row = await this.repo.find(partnerId, key);
      if (!row) continue;
      if (row.expiresAt <= now) {
        if (await this.repo.takeOver(claim, row.claimToken)) return execute;
        continue;
      }
      if (row.method !== request.method || row.path !== request.path)
        throw new IdempotencyKeyReusedError('path');
      if (row.state === 'in_flight') {
        if (row.requestHash && request.requestHash && row.requestHash !== request.requestHash) {
          throw new IdempotencyKeyReusedError('body');
        }
        const leaseEnd = row.lockedAt.getTime() + this.env.IDEMPOTENCY_LEASE_SECONDS * 1000;
        if (leaseEnd > now.getTime()) throw new IdempotencyKeyInUseError();
        const created = row.resourcePath;
        if (!(await this.repo.takeOver(claim, row.claimToken, created !== null))) continue;
        return created === null ? execute : { kind: 'recover', claim: execute.claim, resourcePath: created };
      }
      const hash = request.requestHash ?? (await readBodyHash());
      if (!row.reply || hash !== row.requestHash) throw new IdempotencyKeyReusedError('body');
      return { kind: 'replay', reply: row.reply };
    }
    throw new IdempotencyKeyInUseError();
  }

  /**
   * The claimed request answered `reply`: store it for replay, or release the key after a 5xx, after
   * refused input (400, 413, 415, 422) and when an upload's body was never read (no fingerprint).
   */
  async finish(claim: Claim, reply: StoredReply, reportedBodyHash: string | undefined): Promise<void> {
    const requestHash = claim.requestHash ?? reportedBodyHash;
    if (reply.status >= 500 || REFUSED_INPUT.has(reply.status) || requestHash === undefined) {
      await this.repo.release(claim.partnerId, claim.key, claim.token);
      return;
    }
    const stored = await this.repo.complete(
      claim.partnerId,
      claim.key,
      claim.token,
      requestHash,
      reply,
      this.clock.now(),
    );
    if (!stored) this.log.warn('an idempotency key was taken over before its first reply was stored');
  }

  /** Inside the claimed request's creating transaction: what it created (see `recover`). */
  recordResource(tx: Queryable, claim: Claim, path: string): Promise<void> {
    return this.repo.recordResource(tx, claim, path);
  }

  /** For a reply that cannot be stored (a stream): the key is released. */
  release(claim: Claim): Promise<void> {
    return this.repo.release(claim.partnerId, claim.key, claim.token);
  }
}
