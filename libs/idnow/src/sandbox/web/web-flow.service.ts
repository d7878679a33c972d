import { Injectable } from '@nestjs/common';
import { Env } from '#kyc/common';
import {
  canStartAttempt,
  type CodeCheck,
  customerEntersCode,
  customerReachesIdentCode,
  customerStartsCall,
} from '../engine/attempts.js';
import type { SandboxIdentification } from '../engine/sandbox-identification.js';
import { SandboxIdentificationsRepository } from '../sandbox-identifications.repository.js';
import { type Change, SandboxTransitions } from '../sandbox-transitions.js';

/** The landing form as posted: checkboxes are absent when not ticked. */
export interface LandingForm {
  mobile?: unknown;
  terms?: unknown;
  document?: unknown;
}

export type LandingIssue = 'mobile' | 'terms' | 'document';

/** The seed's test numbers: anything starting with 0, or the static +15550101. */
export function normaliseMobile(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const compact = input.replace(/[\s\-/().]/g, '');
  if (compact === '+15550101') return compact;
  return /^0\d{5,14}$/.test(compact) ? `+49${compact.slice(1)}` : null;
}

export function landingIssues(form: LandingForm): LandingIssue[] {
  const issues: LandingIssue[] = [];
  if (!normaliseMobile(form.mobile)) issues.push('mobile');
  if (!form.terms) issues.push('terms');
  if (!form.document) issues.push('document');
  return issues;
}

/**
 * The customer's side of a manual identification (X-MANUALTEST or no prefix): landing page, the agent's
 * steps, the ident code. Each post moves the attempt on; results it publishes are sent as callbacks.
 */
@Injectable()
export class SandboxWebFlowService {
  constructor(
    private readonly env: Env,
    private readonly repo: SandboxIdentificationsRepository,
    private readonly transitions: SandboxTransitions,
  ) {}

  find(companyId: string, txn: string): Promise<SandboxIdentification | null> {
    if (!/^[a-zA-Z0-9_-]{1,255}$/.test(txn) || companyId !== this.env.IDNOW_COMPANY_ID)
      return Promise.resolve(null);
    return this.repo.find(companyId, txn);
  }

  /** Start pressed: null for an unknown identification, the issues (empty when accepted) otherwise. */
  async startCall(companyId: string, txn: string, form: LandingForm): Promise<LandingIssue[] | null> {
    if (!(await this.find(companyId, txn))) return null;
    const issues = landingIssues(form);
    if (issues.length) return issues;
    const mobile = normaliseMobile(form.mobile) as string;
    const done = await this.transitions.apply(companyId, txn, (row, now) => {
      if (row.mode !== 'manual' || !canStartAttempt(row)) return { value: [], save: false };
      return { value: [], published: customerStartsCall(row, mobile, now) };
    });
    return done ? done.value : null;
  }

  /** Continue on the agent's steps: on to the ident code. */
  async continueCall(companyId: string, txn: string): Promise<boolean> {
    const done = await this.transitions.apply(companyId, txn, (row) => {
      if (row.stage !== 'call' || row.mode !== 'manual') return { value: true, save: false };
      customerReachesIdentCode(row);
      return { value: true };
    });
    return done !== null;
  }

  /** The ident code: null for an unknown identification; `ok` or the attempts left otherwise. */
  async enterCode(companyId: string, txn: string, code: unknown): Promise<CodeCheck | null> {
    const scale = this.env.SANDBOX_TIME_SCALE;
    const done = await this.transitions.apply(companyId, txn, (row, now): Change<CodeCheck> => {
      if (row.stage !== 'ident_code') return { value: { ok: true }, save: false };
      const { check, published } = customerEntersCode(row, typeof code === 'string' ? code : '', now, scale);
      return { value: check, published };
    });
    return done ? done.value : null;
  }
}
