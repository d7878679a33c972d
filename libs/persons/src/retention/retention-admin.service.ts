import { Injectable } from '@nestjs/common';
import { type AuditActor, AuditService } from '#kyc/audit';
import { Clock, ConflictError, Env, NotFoundError, ValidationError } from '#kyc/common';
import type { Tx } from '#kyc/database';
import { toRetentionResponse } from './retention.dto.js';
import { RetentionRepository, type RetentionState } from './retention.repository.js';

const PERSON_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * What compliance officers decide about a person's retention, each audited in the same transaction: the end
 * of the business relationship (the keep period's start) and the legal hold (never erased while it holds).
 * An erased person has nothing left to decide on (409). Reasons are codes, so the audit holds no free text.
 */
@Injectable()
export class RetentionAdminService {
  constructor(
    private readonly repo: RetentionRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  async endRelationship(actor: AuditActor, id: string, endedOn: string, reason: string) {
    this.checkDate(endedOn);
    return this.decide(id, async (tx, s) => {
      if (endedOn > this.today()) throw ValidationError.field('ended_on', 'must not be in the future');
      if (endedOn < s.created_at.toISOString().slice(0, 10)) {
        throw ValidationError.field('ended_on', 'must not be before the person was created');
      }
      await this.repo.setRelationshipEnd(tx, id, endedOn, reason);
      await this.audit.record(
        {
          ...actor,
          action: 'person.relationship_ended',
          entityType: 'person',
          entityId: id,
          diff: { ended_on: endedOn, reason, previous_ended_on: s.relationship_ended_on },
        },
        tx,
      );
    });
  }

  async setLegalHold(actor: AuditActor, id: string, reason: string, reference: string | null) {
    return this.decide(id, async (tx, s) => {
      if (s.legal_hold) throw new ConflictError('The person is under legal hold already; lift it first.');
      await this.repo.setLegalHold(tx, id, { reason, reference, by: actor.actorId!, at: this.clock.now() });
      await this.audit.record(
        {
          ...actor,
          action: 'person.legal_hold_set',
          entityType: 'person',
          entityId: id,
          diff: { reason, reference },
        },
        tx,
      );
    });
  }

  async liftLegalHold(actor: AuditActor, id: string, reason: string) {
    return this.decide(id, async (tx, s) => {
      if (!s.legal_hold) throw new ConflictError('The person is not under legal hold.');
      await this.repo.setLegalHold(tx, id, null);
      await this.audit.record(
        {
          ...actor,
          action: 'person.legal_hold_lifted',
          entityType: 'person',
          entityId: id,
          diff: { reason, held_for: s.legal_hold_reason, reference: s.legal_hold_reference },
        },
        tx,
      );
    });
  }

  /** Lock the person, refuse an unknown or erased one, apply, answer the state afterwards. */
  private async decide(id: string, apply: (tx: Tx, s: RetentionState) => Promise<void>) {
    if (!PERSON_ID.test(id)) throw new NotFoundError('Person', id);
    const after = await this.repo.transaction(async (tx) => {
      const s = await this.repo.state(id, tx, true);
      if (!s) throw new NotFoundError('Person', id);
      if (s.retention_erased_at) throw new ConflictError('The person was erased by retention.');
      await apply(tx, s);
      return (await this.repo.state(id, tx))!;
    });
    return toRetentionResponse(after, this.env.JOB_RETENTION_KEEP_YEARS);
  }

  private checkDate(d: string): void {
    const t = new Date(`${d}T00:00:00Z`);
    if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== d) {
      throw ValidationError.field('ended_on', 'must be a date (YYYY-MM-DD)');
    }
  }

  private today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }
}
