import { Injectable } from '@nestjs/common';
import { type AuditActor, AuditService } from '#kyc/audit';
import {
  Clock,
  ConflictError,
  Env,
  ForbiddenError,
  IllegalTransitionError,
  isId,
  NotFoundError,
  ValidationError,
} from '#kyc/common';
import { appendDomainEvent } from '#kyc/database';
import { PersonsService } from '#kyc/persons';
import { toIdentificationEventPayload } from '../dto/identification-response.js';
import type { IdentificationEntity } from '../entities/identification.entity.js';
import { IdentificationsRepository } from '../identifications.repository.js';
import { isDecisionReason, type ReviewAction } from '../rules/decision-reasons.js';
import { type FourEyesReason, secondOfficerNeeded } from '../rules/four-eyes.js';
import type { IdentificationStatus } from '../rules/identification-status.js';
import { REVIEW_STATUSES } from '../rules/state-machine.js';
import { type ReidentificationOutcome, ReidentificationService } from './reidentification.service.js';
import { type ProposalRow, ReviewRepository } from './review.repository.js';

export interface DecisionInput {
  action: ReviewAction;
  reasonCode: string;
  justification: string;
  /** The identification's version the officer saw. */
  version: number;
}

/** Who acts: the audit context of a staff request (actorId is the staff user's id). */
export type Officer = AuditActor & { actorId: string };

export type DecisionOutcome =
  | { outcome: 'decided'; identification: IdentificationEntity; reidentification?: ReidentificationOutcome }
  | { outcome: 'proposed'; proposal: ProposalRow; needs: FourEyesReason };

const TARGET: Record<ReviewAction, IdentificationStatus> = {
  approve: 'successful',
  reject: 'failed',
  retry: 'canceled',
};

/**
 * Officers' decisions on open cases: approve, reject, send back for retry. Each one is version-checked
 * (a second decision on what the first already changed answers 409 with who and when), writes the
 * status event, the audit event and the partner's webhook in one transaction, and needs a second
 * officer where the four-eyes rules say so.
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly repo: ReviewRepository,
    private readonly identifications: IdentificationsRepository,
    private readonly persons: PersonsService,
    private readonly reidentification: ReidentificationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  async decide(id: string, input: DecisionInput, officer: Officer): Promise<DecisionOutcome> {
    const current = await this.find(id);
    if (!isDecisionReason(input.action, input.reasonCode)) {
      throw ValidationError.field('reason_code', `is not a documented reason for ${input.action}`);
    }
    if (input.version !== current.version) throw await this.stale(current);
    nextStatus(current, input.action);
    if (current.assigneeId && current.assigneeId !== officer.actorId) {
      const holder = await this.repo.staffName(current.assigneeId);
      throw new ConflictError(
        `The case is held by ${holder ?? 'another officer'} since ${current.assignedAt?.toISOString()}; ask them to release it.`,
      );
    }
    const needs =
      this.env.REVIEW_FOUR_EYES === 'true'
        ? secondOfficerNeeded({
            action: input.action,
            status: current.status,
            providerResult: current.providerResult,
          })
        : null;
    if (needs) return { outcome: 'proposed', proposal: await this.propose(current, input, officer), needs };
    return this.apply(current, input, officer, null);
  }

  /** A second officer confirms a proposal: the decision applies as proposed, or 409 if the case moved. */
  async confirm(proposalId: string, officer: Officer): Promise<DecisionOutcome> {
    const proposal = await this.pendingProposal(proposalId, officer);
    const current = await this.find(proposal.identification_id);
    if (current.version !== proposal.identification_version) {
      await this.repo.transaction((tx) =>
        this.repo.resolveProposal(tx, proposal.id, 'superseded', null, this.clock.now()),
      );
      throw new ConflictError(
        'The case changed after the proposal was made; it was withdrawn. Decide again.',
      );
    }
    if (proposal.action === 'reidentify') {
      const reidentification = await this.reidentification.override(current, proposal, officer);
      return { outcome: 'decided', identification: await this.find(current.id), reidentification };
    }
    return this.apply(
      current,
      {
        action: proposal.action,
        reasonCode: proposal.reason_code,
        justification: proposal.justification,
        version: proposal.identification_version,
      },
      officer,
      proposal,
    );
  }

  /** A second officer turns a proposal down; the case stays open. */
  async decline(proposalId: string, officer: Officer): Promise<ProposalRow> {
    const proposal = await this.pendingProposal(proposalId, officer);
    await this.repo.transaction(async (tx) => {
      await this.repo.resolveProposal(tx, proposal.id, 'declined', officer.actorId, this.clock.now());
      await this.audit.record(
        {
          ...officer,
          action: 'identification.proposal_declined',
          entityType: 'identification',
          entityId: proposal.identification_id,
          diff: { proposal_id: proposal.id, action: proposal.action, proposed_by: proposal.proposed_by },
        },
        tx,
      );
    });
    return (await this.repo.proposal(proposal.id))!;
  }

  private async pendingProposal(proposalId: string, officer: Officer): Promise<ProposalRow> {
    const proposal = await this.repo.proposal(proposalId);
    if (!proposal) throw new NotFoundError('Proposal', proposalId);
    if (proposal.state !== 'pending') throw new ConflictError(`The proposal is already ${proposal.state}.`);
    if (proposal.proposed_by === officer.actorId) {
      throw new ForbiddenError(
        'Four eyes: the officer who proposed a decision cannot confirm or decline it.',
      );
    }
    return proposal;
  }

  private async propose(
    current: IdentificationEntity,
    input: DecisionInput,
    officer: Officer,
  ): Promise<ProposalRow> {
    const id = await this.repo.transaction(async (tx) => {
      const proposalId = await this.repo.addProposal(tx, {
        identification_id: current.id,
        action: input.action,
        reason_code: input.reasonCode,
        justification: input.justification,
        identification_version: current.version,
        proposed_by: officer.actorId,
        proposed_at: this.clock.now(),
      });
      if (!proposalId) throw new ConflictError('A proposal on this case already awaits a second officer.');
      await this.audit.record(
        {
          ...officer,
          action: 'identification.decision_proposed',
          entityType: 'identification',
          entityId: current.id,
          diff: {
            proposal_id: proposalId,
            action: input.action,
            reason_code: input.reasonCode,
            justification: input.justification,
          },
        },
        tx,
      );
      return proposalId;
    });
    return (await this.repo.proposal(id))!;
  }

  private async apply(
    current: IdentificationEntity,
    input: DecisionInput,
    officer: Officer,
    proposal: ProposalRow | null,
  ): Promise<DecisionOutcome> {
    const to = nextStatus(current, input.action);
    const now = this.clock.now();
    const applied = await this.repo.transaction(async (tx) => {
      await this.repo.lock(tx, current.id);
      const applied = await this.repo.applyDecision(tx, current.id, input.version, {
        status: to,
        completedAt:
          to === 'successful' || to === 'failed'
            ? to === current.status
              ? current.completedAt
              : now
            : current.completedAt,
        flagged: false,
        flagReasons: [],
        caseOpenedAt: null,
        caseDueAt: null,
        decidedBy: officer.actorId,
        decidedAt: now,
      });
      // Someone decided (or the provider moved the case) since this officer read it: change nothing.
      if (!applied) return false;
      const blocking = current.status === 'pending_successful' && (to === 'failed' || to === 'canceled');
      await this.identifications.addEvent(tx, {
        identificationId: current.id,
        kind: to === current.status ? 'review' : 'transition',
        from: current.status,
        to,
        actor: 'staff',
        actorId: officer.actorId,
        reasonCode: input.reasonCode,
      });
      if (to !== current.status) {
        await appendDomainEvent(tx, {
          type: 'IDENTIFICATION',
          partnerId: current.partnerId,
          entityId: current.id,
          payload: {
            ...toIdentificationEventPayload({ ...current, status: to }),
            ...(blocking ? { account_blocking_required: true } : {}),
          },
        });
      }
      if (blocking)
        await this.persons.requireAccountBlocking(tx, current.partnerId, current.personId, current.id);
      if (proposal) await this.repo.resolveProposal(tx, proposal.id, 'confirmed', officer.actorId, now);
      await this.repo.supersedeProposals(tx, current.id, now);
      await this.audit.record(
        {
          ...officer,
          action: 'identification.decided',
          entityType: 'identification',
          entityId: current.id,
          diff: {
            action: input.action,
            from: current.status,
            to,
            reason_code: input.reasonCode,
            justification: input.justification,
            flags_cleared: current.flagReasons,
            account_blocking_required: blocking,
            ...(proposal
              ? { proposal_id: proposal.id, proposed_by: proposal.proposed_by, confirmed_by: officer.actorId }
              : {}),
          },
        },
        tx,
      );
      return true;
    });
    // Built after the transaction: on the embedded engine a second connection waits for the first's commit.
    if (!applied) throw await this.stale(current);
    const identification = await this.find(current.id);
    if (input.action !== 'retry') return { outcome: 'decided', identification };
    // Sent back for retry: the customer identifies again (same url while valid, else a new identification).
    const reidentification = await this.reidentification.afterRetry(identification, officer);
    return { outcome: 'decided', identification: await this.find(current.id), reidentification };
  }

  /** 409 naming who changed the case, and when. */
  private async stale(i: IdentificationEntity): Promise<ConflictError> {
    const fresh = (await this.repo.findIdentification(i.id)) ?? i;
    if (fresh.decidedBy && fresh.decidedAt) {
      const who = await this.repo.staffName(fresh.decidedBy);
      return new ConflictError(
        `The case was already decided by ${who ?? 'another officer'} at ${fresh.decidedAt.toISOString()} (now ${fresh.status}, version ${fresh.version}).`,
      );
    }
    return new ConflictError(
      `The identification changed at ${fresh.updatedAt.toISOString()} (now ${fresh.status}, version ${fresh.version}); reload the case.`,
    );
  }

  private async find(id: string): Promise<IdentificationEntity> {
    const found = isId('identification', id) ? await this.repo.findIdentification(id) : null;
    if (!found) throw new NotFoundError('Identification', id);
    return found;
  }
}

/** The status a decision leads to, or 422 when the case is closed or the action does not fit it. */
function nextStatus(i: IdentificationEntity, action: ReviewAction): IdentificationStatus {
  if (!i.caseOpenedAt) {
    throw new IllegalTransitionError(
      `The identification is ${i.status} and not under review; there is nothing to decide.`,
    );
  }
  if (REVIEW_STATUSES.includes(i.status)) return TARGET[action];
  // A flagged case whose status is already settled: an officer can only confirm it (and clear the flag).
  if (action === 'approve') return i.status;
  throw new IllegalTransitionError(
    `The identification is ${i.status} and flagged (${i.flagReasons.join(', ')}): approve confirms it; ${action} is not possible from ${i.status}.`,
  );
}
