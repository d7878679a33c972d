import { Injectable } from '@nestjs/common';
import { Env } from '#kyc/common';
import { IdempotencyRepository } from './idempotency.repository.js';

/** Deletes expired idempotency keys in bounded batches (the `idempotency_purge` job). */
@Injectable()
export class IdempotencyPurgeService {
  constructor(
    private readonly repo: IdempotencyRepository,
    private readonly env: Env,
  ) {}

  purgeExpired(now: Date, limit: number): Promise<{ purged: number; more: boolean }> {
    const leaseCutoff = new Date(now.getTime() - this.env.IDEMPOTENCY_LEASE_SECONDS * 1000);
    return this.repo.purgeExpired(now, leaseCutoff, limit);
  }
}
