import { Injectable } from '@nestjs/common';
import { IllegalTransitionError, isId, ValidationError } from '#kyc/common';
import { type Officer, ReidentificationService } from '#kyc/identifications';

/**
 * What a support agent may do about an identification besides reading: send the partner the still-valid
 * link again, or propose a re-identification that a compliance officer confirms in the review queue.
 */
@Injectable()
export class SupportActionsService {
  constructor(private readonly reidentification: ReidentificationService) {}

  async resendLink(id: string, agent: Officer): Promise<{ identification_id: string; status: string }> {
    const i = await this.find(id);
    await this.reidentification.resendLink(i, agent, 'support.link_resent');
    return { identification_id: i.id, status: 'resent' };
  }

  async propose(id: string, justification: string, agent: Officer) {
    const i = await this.find(id);
    const policy = this.reidentification.policy(i);
    if (policy.mode === 'not_applicable') throw new IllegalTransitionError(policy.explanation);
    // The justification stays out of the audit diff: it may repeat what the customer wrote.
    const p = await this.reidentification.propose(i, agent, justification, {
      reasonCode: 'SUPPORT_REQUEST',
      auditAction: 'support.reidentification_proposed',
      auditDiff: { policy: policy.mode },
    });
    return {
      id: p.id,
      identification_id: p.identification_id,
      action: p.action,
      reason_code: p.reason_code,
      justification: p.justification,
      state: p.state,
      proposed_by: p.proposed_by,
      proposed_at: p.proposed_at,
      policy: { mode: policy.mode, explanation: policy.explanation },
    };
  }

  private find(id: string) {
    if (!isId('identification', id)) throw ValidationError.field('id', 'is not an identification id');
    return this.reidentification.identification(id);
  }
}
