import { Injectable } from '@nestjs/common';
import { Clock } from '#kyc/common';
import { SandboxCallbackSender } from './callbacks/sandbox-callback.sender.js';
import type { Published } from './engine/attempts.js';
import type { SandboxIdentification } from './engine/sandbox-identification.js';
import { SandboxIdentificationsRepository } from './sandbox-identifications.repository.js';

export interface Change<T> {
  value: T;
  /** Results published by the change, in order; each is sent as a callback after commit. */
  published?: Published[];
  /** false when the change turned out to be a no-op. */
  save?: boolean;
}

/**
 * The one way a sandbox identification changes: lock the row, apply a pure engine step, commit, and only
 * then send the callbacks. No network or timer is awaited inside the transaction.
 */
@Injectable()
export class SandboxTransitions {
  constructor(
    private readonly repo: SandboxIdentificationsRepository,
    private readonly callbacks: SandboxCallbackSender,
    private readonly clock: Clock,
  ) {}

  /** null when there is no such identification. */
  async apply<T>(
    companyId: string,
    transactionNumber: string,
    change: (row: SandboxIdentification, now: Date) => Change<T>,
  ): Promise<{ value: T } | null> {
    const done = await this.repo.transaction(async (m) => {
      const row = await this.repo.lock(m, companyId, transactionNumber);
      if (!row) return null;
      const now = this.clock.now();
      const outcome = change(row, now);
      if (outcome.save !== false) {
        row.updatedAt = now;
        await this.repo.update(m, row);
      }
      return outcome;
    });
    if (!done) return null;
    await this.sendAll(done.published ?? []);
    return { value: done.value };
  }

  /** Callbacks go out one after the other, in the order IDnow would have sent them. */
  async sendAll(published: Published[]): Promise<void> {
    for (const result of published) await this.callbacks.send(result);
  }
}
