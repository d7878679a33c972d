import { Injectable } from '@nestjs/common';
import { AuditService } from '#kyc/audit';
import {
  Clock,
  ConflictError,
  Env,
  IllegalTransitionError,
  TooManyRequestsError,
  ValidationError,
} from '#kyc/common';
import { appendDomainEvent } from '#kyc/database';
import { toIdentificationEventPayload } from '../dto/identification-response.js';
import type { IdentificationEntity } from '../entities/identification.entity.js';
import { IdentificationsRepository } from '../identifications.repository.js';
import { IdentificationsService } from '../identifications.service.js';
import {
  REIDENTIFICATIONS_PER_DAY,
  type ReidentificationPolicy,
  reidentificationPolicy,
} from '../rules/reidentification-policy.js';
import type { Officer } from './decisions.service.js';
import { type ProposalRow, ReviewRepository } from './review.repository.js';

const DAY_MS = 24 * 3600_000;

export type ReidentificationOutcome =
  | { mode: 'same_url'; identification_id: string; url: string | null }
  | { mode: 'new_identification'; identification_id: string; status: string; url: string | null }
  | { mode: 'proposed'; proposal_id: string }
  | { mode: 'not_started'; reason: string };

/**
 * Re-identification, by the policy (rules/reidentification-policy.ts): the same url re-notified while
 * it is valid, else a new identification linked to the old one and requested at once; blocked cases
 * only with a justification and a second officer. At most 3 per person in 24 hours.
 */
@Injectable()
export class ReidentificationService {
  constructor(
    private readonly repo: ReviewRepository,
    private readonly identifications: IdentificationsRepository,
    private readonly service: IdentificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  policy(i: IdentificationEntity): ReidentificationPolicy {
    return reidentificationPolicy(i, this.clock.now());
  }

  /** How many re-identifications the person had in the last 24 hours, and when the next is allowed. */
  async allowance(personId: string): Promise<{ used: number; limit: number; next_allowed_at: Date | null }> {
    const now = this.clock.now();
    const recent = await this.repo.reidentificationsSince(personId, new Date(now.getTime() - DAY_MS));
    const full = recent.length >= REIDENTIFICATIONS_PER_DAY;
    return {
      used: recent.length,
      limit: REIDENTIFICATIONS_PER_DAY,
      next_allowed_at: full
        ? new Date(recent[recent.length - REIDENTIFICATIONS_PER_DAY].getTime() + DAY_MS)
        : null,
    };
  }

  /** An officer asks for a re-identification; a blocked one becomes a proposal for a second officer. */
  async request(
    i: IdentificationEntity,
    officer: Officer,
    justification: string | undefined,
  ): Promise<ReidentificationOutcome> {
    const policy = this.policy(i);
    if (policy.mode === 'not_applicable') throw new IllegalTransitionError(policy.explanation);
    await this.checkRate(i.personId);
    if (policy.mode !== 'blocked') return this.run(i, policy.mode, officer, null, justification ?? null);
    if (!justification) {
      throw ValidationError.field(
        'justification',
        `is required to override the policy: ${policy.explanation}`,
      );
    }
    if (this.env.REVIEW_FOUR_EYES !== 'true')
      return this.run(i, policy.overrideMode!, officer, officer.actorId, justification);
    const proposalId = await this.repo.transaction(async (tx) => {
      const id = await this.repo.addProposal(tx, {
        identification_id: i.id,
        action: 'reidentify',
        reason_code: 'POLICY_OVERRIDE',
        justification,
        identification_version: i.version,
        proposed_by: officer.actorId,
        proposed_at: this.clock.now(),
      });
      if (!id) throw new ConflictError('A proposal on this identification already awaits a second officer.');
      await this.audit.record(
        {
          ...officer,
          action: 'identification.reidentification_proposed',
          entityType: 'identification',
          entityId: i.id,
          diff: { proposal_id: id, policy: policy.mode, justification },
        },
        tx,
      );
      return id;
    });
    return { mode: 'proposed', proposal_id: proposalId };
  }

  /** A second officer confirmed the override of a blocked re-identification. */
  async override(
    i: IdentificationEntity,
    proposal: ProposalRow,
    officer: Officer,
  ): Promise<ReidentificationOutcome> {
    const policy = this.policy(i);
    const mode = policy.mode === 'blocked' ? policy.overrideMode! : policy.mode;
    if (mode === 'not_applicable') throw new IllegalTransitionError(policy.explanation);
    await this.checkRate(i.personId);
    const requester = { ...officer, actorId: proposal.proposed_by };
    return this.run(i, mode, requester, officer.actorId, proposal.justification, proposal);
  }

  /** After "send back for retry" the customer identifies again; the rate limit still holds. */
  async afterRetry(i: IdentificationEntity, officer: Officer): Promise<ReidentificationOutcome> {
    const policy = this.policy(i);
    if (policy.mode !== 'same_url' && policy.mode !== 'new_identification') {
      return { mode: 'not_started', reason: policy.explanation };
    }
    const allowance = await this.allowance(i.personId);
    if (allowance.next_allowed_at) {
      return {
        mode: 'not_started',
        reason: `rate limit: next re-identification at ${allowance.next_allowed_at.toISOString()}`,
      };
    }
    return this.run(i, policy.mode, officer, null, null);
  }

  private async checkRate(personId: string): Promise<void> {
    const allowance = await this.allowance(personId);
    if (allowance.next_allowed_at) {
      const wait = (allowance.next_allowed_at.getTime() - this.clock.now().getTime()) / 1000;
      throw new TooManyRequestsError(
        `This person was re-identified ${allowance.used} times in the last 24 hours (at most ${allowance.limit}); the next is possible at ${allowance.next_allowed_at.toISOString()}.`,
        wait,
      );
    }
  }

  private async run(
    i: IdentificationEntity,
    mode: 'same_url' | 'new_identification',
    officer: Officer,
    overrideBy: string | null,
    justification: string | null,
    proposal?: ProposalRow,
  ): Promise<ReidentificationOutcome> {
    const now = this.clock.now();
    if (mode === 'same_url') {
      await this.repo.transaction(async (tx) => {
        await this.repo.addReidentification(tx, {
          personId: i.personId,
          from: i.id,
          to: i.id,
          mode,
          by: officer.actorId,
          overrideBy,
          at: now,
        });
        await this.identifications.addEvent(tx, {
          identificationId: i.id,
          kind: 'reidentification',
          from: i.status,
          to: i.status,
          actor: 'staff',
          actorId: officer.actorId,
        });
        // The partner is told again, with the same url, so it can send the customer back to it.
        await appendDomainEvent(tx, {
          type: 'IDENTIFICATION',
          partnerId: i.partnerId,
          entityId: i.id,
          payload: toIdentificationEventPayload(i),
        });
        if (proposal) await this.repo.resolveProposal(tx, proposal.id, 'confirmed', overrideBy, now);
        await this.audit.record(
          {
            ...officer,
            action: 'identification.reidentified',
            entityType: 'identification',
            entityId: i.id,
            diff: { mode, justification, override_by: overrideBy, proposal_id: proposal?.id ?? null },
          },
          tx,
        );
      });
      return { mode, identification_id: i.id, url: i.url };
    }
    const next = await this.service.createFollowUp(i, officer.actorId);
    await this.repo.transaction(async (tx) => {
      await this.repo.addReidentification(tx, {
        personId: i.personId,
        from: i.id,
        to: next.id,
        mode,
        by: officer.actorId,
        overrideBy,
        at: now,
      });
      if (proposal) await this.repo.resolveProposal(tx, proposal.id, 'confirmed', overrideBy, now);
      await this.audit.record(
        {
          ...officer,
          action: 'identification.reidentified',
          entityType: 'identification',
          entityId: i.id,
          diff: {
            mode,
            new_identification_id: next.id,
            justification,
            override_by: overrideBy,
            proposal_id: proposal?.id ?? null,
          },
        },
        tx,
      );
    });
    // Requested at once; this writes the pending status and the partner's webhook. If the provider is
    // down the new identification stays created (the error says so) and can be requested again.
    const requested = await this.service.request(next.partnerId, next.personId, next.id);
    return { mode, identification_id: requested.id, status: requested.status, url: requested.url };
  }
}
