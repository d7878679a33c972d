import { Injectable } from '@nestjs/common';
import { AuditService } from '#kyc/audit';
import {
  Clock,
  ConflictError,
  Env,
  IllegalTransitionError,
  isId,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
} from '#kyc/common';
import { appendDomainEvent, type Tx as EntityManager } from '#kyc/database';
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

  /** One identification by id, of any partner (staff work); 404 when there is none. */
  async identification(id: string): Promise<IdentificationEntity> {
    const found = isId('identification', id) ? await this.repo.findIdentification(id) : null;
    if (!found) throw new NotFoundError('Identification', id);
    return found;
  }

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
      return this.run(i, policy.override_mode!, officer, officer.actorId, justification);
    const proposal = await this.propose(i, officer, justification, {
      reasonCode: 'POLICY_OVERRIDE',
      auditAction: 'identification.reidentification_proposed',
      auditDiff: { policy: policy.mode, justification },
    });
    return { mode: 'proposed', proposal_id: proposal.id };
  }

  /**
   * A re-identification proposal for a second person to confirm in the review queue (the officers'
   * approvals); 409 while another proposal on the identification is pending. Audited with `auditAction`.
   */
  async propose(
    i: IdentificationEntity,
    proposer: Officer,
    justification: string,
    how: { reasonCode: string; auditAction: string; auditDiff: Record<string, unknown> },
  ): Promise<ProposalRow> {
    const proposalId = await this.repo.transaction(async (tx) => {
      const id = await this.repo.addProposal(tx, {
        identification_id: i.id,
        action: 'reidentify',
        reason_code: how.reasonCode,
        justification,
        identification_version: i.version,
        proposed_by: proposer.actorId,
        proposed_at: this.clock.now(),
      });
      if (!id) throw new ConflictError('A proposal on this identification already awaits a second officer.');
      await this.audit.record(
        {
          ...proposer,
          action: how.auditAction,
          entityType: 'identification',
          entityId: i.id,
          diff: { proposal_id: id, ...how.auditDiff },
        },
        tx,
      );
      return id;
    });
    return (await this.repo.proposal(proposalId))!;
  }

  /** Pending proposals on any of these identifications. */
  pendingProposals(identificationIds: string[]): Promise<ProposalRow[]> {
    return this.repo.pendingProposals(identificationIds);
  }

  /**
   * Send the partner the identification webhook again, with the same url, while the customer can still
   * use it (pending, aborted or canceled, url valid); 409 otherwise. Recorded as a `link_resent` event.
   */
  async resendLink(i: IdentificationEntity, actor: Officer, auditAction: string): Promise<void> {
    const usable = i.status === 'pending' || i.status === 'aborted' || i.status === 'canceled';
    if (!usable || !i.url || !i.urlExpiresAt || i.urlExpiresAt <= this.clock.now()) {
      throw new ConflictError(
        `The link of this ${i.status} identification cannot be used any more (expired or final): propose a re-identification instead.`,
      );
    }
    await this.repo.transaction(async (tx) => {
      await this.notifyAgain(tx, i, 'link_resent', actor.actorId);
      await this.audit.record(
        {
          ...actor,
          action: auditAction,
          entityType: 'identification',
          entityId: i.id,
          diff: { status: i.status, url_expires_at: i.urlExpiresAt!.toISOString() },
        },
        tx,
      );
    });
  }

  /** A second officer confirmed the override of a blocked re-identification. */
  async override(
    i: IdentificationEntity,
    proposal: ProposalRow,
    officer: Officer,
  ): Promise<ReidentificationOutcome> {
    const policy = this.policy(i);
    const mode = policy.mode === 'blocked' ? policy.override_mode! : policy.mode;
    if (mode === 'not_applicable') throw new IllegalTransitionError(policy.explanation);
    await this.checkRate(i.personId);
    // The confirming officer acts (and is audited); the proposer, an officer or a support agent, requested it.
    return this.run(i, mode, officer, officer.actorId, proposal.justification, proposal);
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
    const requestedBy = proposal?.proposed_by ?? officer.actorId;
    if (mode === 'same_url') {
      await this.repo.transaction(async (tx) => {
        await this.repo.addReidentification(tx, {
          personId: i.personId,
          from: i.id,
          to: i.id,
          mode,
          by: requestedBy,
          overrideBy,
          at: now,
        });
        await this.notifyAgain(tx, i, 'reidentification', requestedBy);
        if (proposal) await this.repo.resolveProposal(tx, proposal.id, 'confirmed', overrideBy, now);
        await this.audit.record(
          {
            ...officer,
            action: 'identification.reidentified',
            entityType: 'identification',
            entityId: i.id,
            diff: {
              mode,
              justification,
              requested_by: requestedBy,
              override_by: overrideBy,
              proposal_id: proposal?.id ?? null,
            },
          },
          tx,
        );
      });
      return { mode, identification_id: i.id, url: i.url };
    }
    const next = await this.service.createFollowUp(i, requestedBy);
    await this.repo.transaction(async (tx) => {
      await this.repo.addReidentification(tx, {
        personId: i.personId,
        from: i.id,
        to: next.id,
        mode,
        by: requestedBy,
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
            requested_by: requestedBy,
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

  /** The partner is told again, with the same url, so it can send the customer back to it. */
  private async notifyAgain(
    tx: EntityManager,
    i: IdentificationEntity,
    kind: 'reidentification' | 'link_resent',
    actorId: string,
  ): Promise<void> {
    await this.identifications.addEvent(tx, {
      identificationId: i.id,
      kind,
      from: i.status,
      to: i.status,
      actor: 'staff',
      actorId,
    });
    await appendDomainEvent(tx, {
      type: 'IDENTIFICATION',
      partnerId: i.partnerId,
      entityId: i.id,
      payload: toIdentificationEventPayload(i),
    });
  }
}
