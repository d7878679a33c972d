import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, Env, NotFoundError, ValidationError } from '#kyc/common';
import { isFailureCode } from '#kyc/identifications';
import { IDNOW_RESULTS, type IdnowResultCode } from '../results/idnow-result.js';
import { IdnowApiError } from './api/idnow-api.error.js';
import { checkTransactionNumber, parseStartBody } from './api/start-request.js';
import { beginAutoAttempt, canStartAttempt, forceOutcome, isFinished } from './engine/attempts.js';
import type { SandboxIdentification } from './engine/sandbox-identification.js';
import { languageOf, type SandboxStartData } from './engine/start-data.js';
import { buildEvidenceZip } from './evidence/evidence-zip.js';
import { SandboxIdentificationsRepository } from './sandbox-identifications.repository.js';
import { SandboxTransitions } from './sandbox-transitions.js';
import { CALL_MS, scenarioFromNames } from './scenarios.js';

export type SandboxListKind = 'successful' | 'pending' | 'aborted' | 'cancelled';

const LIST_RESULTS: Record<SandboxListKind, readonly IdnowResultCode[]> = {
  successful: ['SUCCESS', 'SUCCESS_DATA_CHANGED'],
  pending: ['REVIEW_PENDING', 'FRAUD_SUSPICION_PENDING'],
  aborted: ['ABORTED'],
  cancelled: ['CANCELED'],
};

const NEEDS_REASON: readonly IdnowResultCode[] = ['ABORTED', 'CANCELED'];
/** No evidence after these: an aborted call has none, and IDnow deletes it when a result is canceled. */
const WITHOUT_EVIDENCE: readonly IdnowResultCode[] = ['ABORTED', 'CANCELED'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** IDnow's ident id on the test system: TST- and five capital letters. */
export const newIdentId = () => `TST-${Array.from({ length: 5 }, () => LETTERS[randomInt(26)]).join('')}`;

/** The sandbox's IDnow API: start, robot trigger, results and lists, plus the admin's forced outcome. */
@Injectable()
export class IdnowSandboxService {
  constructor(
    private readonly env: Env,
    private readonly clock: Clock,
    private readonly repo: SandboxIdentificationsRepository,
    private readonly transitions: SandboxTransitions,
  ) {}

  account(companyId: string) {
    const wait = Math.max(1, Math.ceil(45 / this.env.SANDBOX_TIME_SCALE));
    return {
      shortname: companyId,
      shortcode: 'TST',
      name: 'KYC Desk IDnow Sandbox',
      estimatedWaitingTime: wait,
    };
  }

  /** Creates (201) or updates an unfinished (200) identification; X-AUTOTEST starts playing at once. */
  async start(companyId: string, txn: string, body: unknown): Promise<{ id: string; created: boolean }> {
    checkTransactionNumber(txn);
    const data = parseStartBody(body);
    try {
      return await this.createOrUpdate(companyId, txn, data);
    } catch (e) {
      // Two first starts raced: the loser updates the winner's row.
      if ((e as { driverError?: { code?: string } }).driverError?.code !== '23505') throw e;
      return this.createOrUpdate(companyId, txn, data);
    }
  }

  /** The automated test robot: starts an X-AUTOTEST attempt unless one is running or it is finished. */
  async requestVideoChat(companyId: string, txn: string): Promise<void> {
    checkTransactionNumber(txn);
    const scale = this.env.SANDBOX_TIME_SCALE;
    const done = await this.transitions.apply(companyId, txn, (row, now) => {
      if (row.mode !== 'auto' || !canStartAttempt(row)) return { value: undefined, save: false };
      beginAutoAttempt(row, now, scale);
      return { value: undefined };
    });
    if (!done) throw new IdnowApiError('OBJECT_NOT_FOUND');
  }

  /** The current result; 404 OBJECT_NOT_FOUND while IDnow has none. */
  async result(companyId: string, txn: string): Promise<Record<string, unknown>> {
    if (!/^[a-zA-Z0-9_-]{1,255}$/.test(txn)) throw new IdnowApiError('OBJECT_NOT_FOUND');
    const row = await this.repo.find(companyId, txn);
    if (!row?.result) throw new IdnowApiError('OBJECT_NOT_FOUND');
    return row.result;
  }

  /** The evidence zip of the current result; 404 OBJECT_NOT_FOUND while there is none or once deleted. */
  async evidence(companyId: string, txn: string): Promise<Buffer> {
    if (!/^[a-zA-Z0-9_-]{1,255}$/.test(txn)) throw new IdnowApiError('OBJECT_NOT_FOUND');
    const row = await this.repo.find(companyId, txn);
    if (!row?.result || !row.resultCode || WITHOUT_EVIDENCE.includes(row.resultCode)) {
      throw new IdnowApiError('OBJECT_NOT_FOUND');
    }
    const callEnded = (row.callEndedAt ?? row.updatedAt).getTime();
    const callMs = Math.round(CALL_MS / this.env.SANDBOX_TIME_SCALE);
    return buildEvidenceZip({
      companyId,
      resultJson: row.result,
      createdAt: row.createdAt,
      startedAt: new Date(Math.max(row.createdAt.getTime(), callEnded - callMs)),
    });
  }

  async list(
    companyId: string,
    kind: SandboxListKind,
  ): Promise<{ identifications: Record<string, unknown>[] }> {
    return { identifications: await this.repo.listResults(companyId, LIST_RESULTS[kind]) };
  }

  async remove(companyId: string, txn: string): Promise<void> {
    checkTransactionNumber(txn);
    if (!(await this.repo.delete(companyId, txn))) throw new IdnowApiError('OBJECT_NOT_FOUND');
  }

  /** Admin: publish `result` now (with `reason` for ABORTED and CANCELED), drop the rest of the scenario. */
  async forceOutcome(txn: string, result: string, reason?: string | null): Promise<Record<string, unknown>> {
    const code = checkForcedOutcome(result, reason ?? undefined);
    const done = await this.transitions.apply(this.env.IDNOW_COMPANY_ID, txn, (row, now) => {
      const published = forceOutcome(row, code, now);
      return { value: published, published: [published] };
    });
    if (!done) throw new NotFoundError('sandbox identification', txn);
    return done.value;
  }

  private createOrUpdate(companyId: string, txn: string, data: SandboxStartData) {
    const { scenario, mode } = scenarioFromNames(data.firstname, data.lastname);
    const scale = this.env.SANDBOX_TIME_SCALE;
    return this.repo.transaction(async (m) => {
      const now = this.clock.now();
      const found = await this.repo.lock(m, companyId, txn);
      const row: SandboxIdentification = found ?? {
        companyId,
        transactionNumber: txn,
        identId: newIdentId(),
        scenario,
        mode,
        startData: data,
        language: languageOf(data),
        stage: 'waiting',
        attempts: 0,
        mobileNumber: null,
        codeAttempts: 0,
        callEndedAt: null,
        resultCode: null,
        result: null,
        steps: [],
        nextDueAt: null,
        createdAt: now,
        updatedAt: now,
      };
      if (found && isFinished(found)) throw new IdnowApiError('EXISTING_IDENTIFICATION');
      Object.assign(row, { scenario, mode, startData: data, language: languageOf(data), updatedAt: now });
      if (mode === 'auto' && canStartAttempt(row)) beginAutoAttempt(row, now, scale);
      if (found) await this.repo.update(m, row);
      else await this.repo.insert(m, row);
      return { id: row.identId, created: !found };
    });
  }
}

function checkForcedOutcome(result: string, reason: string | undefined) {
  if (!(IDNOW_RESULTS as readonly string[]).includes(result)) {
    throw ValidationError.field('result', `must be one of ${IDNOW_RESULTS.join(', ')}`);
  }
  const code = result as IdnowResultCode;
  if (!NEEDS_REASON.includes(code)) {
    if (reason !== undefined)
      throw ValidationError.field('reason', 'is only allowed with ABORTED and CANCELED');
    return { result: code, data: code === 'SUCCESS_DATA_CHANGED' ? ('changed' as const) : ('sent' as const) };
  }
  if (reason === undefined) throw ValidationError.field('reason', `is required with ${code}`);
  if (!isFailureCode(reason))
    throw ValidationError.field('reason', 'must be an IDnow failure code such as TECH_PHOTO');
  return { result: code, reason, data: 'sent' as const };
}
