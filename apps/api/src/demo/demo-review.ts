import { Injectable } from '@nestjs/common';
import { Clock } from '#kyc/common';
import {
  DecisionsService,
  IdentificationsService,
  type Officer,
  ReidentificationService,
  type ReidentificationOutcome,
} from '#kyc/identifications';
import type { PlannedStep } from './demo-plan.js';
import type { IdentificationRef } from './demo-provider.js';

type Decide = Extract<PlannedStep, { kind: 'decide' }>;
type Reidentify = Extract<PlannedStep, { kind: 'reidentify' }>;

/**
 * The compliance officers' part, through the review services: decisions (a second officer confirms
 * where four eyes apply, at the planned time) and re-identifications.
 */
@Injectable()
export class DemoReview {
  constructor(
    private readonly clock: Clock,
    private readonly identifications: IdentificationsService,
    private readonly decisions: DecisionsService,
    private readonly reidentification: ReidentificationService,
  ) {}

  async decide(ref: IdentificationRef, step: Decide, [first, second]: [Officer, Officer]): Promise<void> {
    const { version } = await this.identifications.get(ref.partnerId, ref.personId, ref.id);
    const input = {
      action: step.action,
      reasonCode: step.reason,
      justification: step.justification,
      version,
    };
    const outcome = await this.decisions.decide(ref.id, input, first);
    if (outcome.outcome === 'proposed' && step.confirmAt) {
      await this.clock.runAt(step.confirmAt, () => this.decisions.confirm(outcome.proposal.id, second));
    }
  }

  /** Answers the identification the customer goes on with: the same, or the new one linked to it. */
  async reidentify(
    ref: IdentificationRef,
    step: Reidentify,
    [first, second]: [Officer, Officer],
  ): Promise<IdentificationRef> {
    const current = await this.identifications.get(ref.partnerId, ref.personId, ref.id);
    let outcome: ReidentificationOutcome | undefined = await this.reidentification.request(
      current,
      first,
      step.justification,
    );
    if (outcome.mode === 'proposed') {
      const { proposal_id } = outcome;
      const confirmAt = step.confirmAt;
      if (!confirmAt) return ref;
      const decided = await this.clock.runAt(confirmAt, () => this.decisions.confirm(proposal_id, second));
      outcome = decided.outcome === 'decided' ? decided.reidentification : undefined;
    }
    return outcome?.mode === 'new_identification' ? { ...ref, id: outcome.identification_id } : ref;
  }
}
