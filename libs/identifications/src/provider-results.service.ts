import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '#kyc/common';
import { appendDomainEvents, type DomainEvent, type Tx } from '#kyc/database';
import { IDENTITY_FIELDS, type PersonEntity, PersonsService, type VerifiedValue } from '#kyc/persons';
import { toIdentificationEventPayload } from './dto/identification-response.js';
import type { IdentificationEntity } from './entities/identification.entity.js';
import { IdentificationsRepository, type NewEvent } from './identifications.repository.js';
import type { ProviderResult } from './provider/identification-provider.js';
import { documentMayCarryAddress } from './rules/documents-with-address.js';
import { decide } from './rules/result-decision.js';
import { caseTimesAfter, type FlagReason } from './rules/review-case.js';
import { EVIDENCE_STATUSES, REVIEW_STATUSES } from './rules/state-machine.js';

export type ApplyOutcome =
  'transitioned' | 'unchanged' | 'repeated' | 'contradiction' | 'ignored' | 'unknown_transaction';

/** Runs inside the same transaction, after the results are applied (e.g. to mark callbacks processed). */
export type AfterApply = (tx: Tx, outcomes: Map<string, ApplyOutcome>) => Promise<void>;

const COMPLETING = new Set(['successful', 'failed']);
const OUTCOME = {
  transition: 'transitioned',
  repeated: 'repeated',
  unchanged: 'unchanged',
  contradiction: 'contradiction',
  ignored: 'ignored',
} as const;

/**
 * Applies authoritative provider results, many at once: one transaction and a handful of set-based
 * statements per batch, whatever its size. Idempotent: the same result twice changes nothing; a result
 * that contradicts a final status is recorded and flags the case, it never moves the status.
 */
@Injectable()
export class ProviderResultsService {
  private readonly log = new Logger(ProviderResultsService.name);

  constructor(
    private readonly repo: IdentificationsRepository,
    private readonly persons: PersonsService,
    private readonly clock: Clock,
  ) {}

  async apply(provider: string, result: ProviderResult, source: string): Promise<ApplyOutcome> {
    const outcomes = await this.applyMany(provider, [result], source);
    return outcomes.get(result.transactionNumber) ?? 'unknown_transaction';
  }

  /**
   * At most one result per transaction number. `causes`: per transaction number, the request the work is
   * done for (a stored callback's), recorded on the outbox rows; by default the request in progress.
   */
  async applyMany(
    provider: string,
    results: ProviderResult[],
    source: string,
    afterApply?: AfterApply,
    causes?: ReadonlyMap<string, string | null>,
  ): Promise<Map<string, ApplyOutcome>> {
    return this.repo.transaction(async (tx) => {
      const outcomes = new Map<string, ApplyOutcome>(
        results.map((r) => [r.transactionNumber, 'unknown_transaction']),
      );
      const locked = results.length ? await this.repo.lockManyUnscoped(tx, [...outcomes.keys()]) : [];
      const byId = new Map(locked.map((i) => [i.id, i]));
      const known = results.filter((r) => byId.has(r.transactionNumber));
      const stored = await this.repo.addProviderResults(
        tx,
        known.map((r) => ({
          identificationId: r.transactionNumber,
          provider,
          result: r.resultCode,
          payload: r.raw,
          source,
        })),
      );
      const persons = await this.lockPersonsOfSuccesses(tx, known, byId);
      const next: IdentificationEntity[] = [];
      const events: NewEvent[] = [];
      const outbox: DomainEvent[] = [];
      for (const result of known) {
        const current = byId.get(result.transactionNumber)!;
        const row = stored.get(current.id)!;
        const decision = decide(current.status, result.status, row.isNew);
        outcomes.set(current.id, OUTCOME[decision]);
        const event = {
          identificationId: current.id,
          from: current.status,
          to: result.status,
          actor: 'provider' as const,
          actorId: provider,
          reasonCode: result.reason,
          providerResultId: row.id,
        };
        if (decision === 'repeated') {
          next.push({ ...current, failureReason: result.reason, providerResult: result.resultCode });
          events.push({ ...event, kind: 'repeated' });
        } else if (decision === 'contradiction') {
          // After an officer's decision the provider disagrees with us, not with itself.
          const flag = current.decidedBy ? 'provider_disagrees' : 'provider_contradiction';
          // The latest verdict is kept on the identification (a fraud suspicion then needs four eyes).
          const flagged = {
            ...current,
            providerResult: result.resultCode,
            flagged: true,
            flagReasons: addFlag(current.flagReasons, flag),
          };
          next.push({ ...flagged, ...caseTimesAfter(current, flagged, this.clock.now()) });
          events.push({ ...event, kind: 'contradiction' });
          this.log.warn(
            `identification ${current.id}: provider result ${result.resultCode} contradicts final status ${current.status}`,
          );
        } else if (decision === 'transition') {
          const person = persons.get(current.personId);
          const updated = await this.transitioned(tx, current, result, person);
          next.push(updated);
          events.push({ ...event, kind: 'transition' });
          outbox.push({
            type: 'IDENTIFICATION',
            partnerId: current.partnerId,
            entityId: current.id,
            payload: toIdentificationEventPayload(updated),
            ...(causes ? { requestId: causes.get(result.transactionNumber) ?? null } : {}),
          });
        }
      }
      await this.repo.updateMany(tx, next);
      await this.repo.addEvents(tx, events);
      await this.repo.enqueueEvidence(
        tx,
        events
          .filter((e) => e.kind === 'transition' && EVIDENCE_STATUSES.includes(e.to))
          .map((e) => ({ identificationId: e.identificationId, status: e.to })),
        this.clock.now(),
      );
      await appendDomainEvents(tx, outbox);
      await afterApply?.(tx, outcomes);
      return outcomes;
    });
  }

  /** Persons whose identification may become successful, locked once for the batch. */
  private async lockPersonsOfSuccesses(
    tx: Tx,
    results: ProviderResult[],
    byId: Map<string, IdentificationEntity>,
  ) {
    const ids = results
      .filter((r) => r.status === 'successful')
      .map((r) => byId.get(r.transactionNumber)!.personId);
    const rows = ids.length ? await this.persons.getManyForUpdateUnscoped(tx, [...new Set(ids)]) : [];
    return new Map(rows.map((p) => [p.id, p]));
  }

  /** The identification's next state; on success the verified data lands on the person first. */
  private async transitioned(
    tx: Tx,
    current: IdentificationEntity,
    result: ProviderResult,
    person: PersonEntity | undefined,
  ): Promise<IdentificationEntity> {
    const to = result.status;
    const now = this.clock.now();
    let flags = current.flagReasons;
    if (to === 'successful' && person) {
      const changed = await this.applyVerifiedData(tx, current, result, person);
      if (changed.some((f) => IDENTITY_FIELDS.has(f))) flags = addFlag(flags, 'identity_data_changed');
    }
    if ((to === 'successful' || to === 'pending_successful') && lacksProofOfAddress(current, result)) {
      flags = addFlag(flags, 'missing_proof_of_address');
    }
    return {
      ...current,
      status: to,
      providerResult: result.resultCode,
      failureReason: result.reason,
      reference: result.reference ?? current.reference,
      completedAt: COMPLETING.has(to) ? (result.identifiedAt ?? now) : current.completedAt,
      reviewStartedAt: REVIEW_STATUSES.includes(to)
        ? (current.reviewStartedAt ?? now)
        : current.reviewStartedAt,
      flagged: flags.length > 0,
      flagReasons: flags,
      ...caseTimesAfter(current, { status: to, flagged: flags.length > 0 }, now),
    };
  }

  /** The agent's corrections and the verified mobile number land on the person, with a field diff. */
  private async applyVerifiedData(
    tx: Tx,
    current: IdentificationEntity,
    result: ProviderResult,
    person: PersonEntity,
  ): Promise<string[]> {
    const values: VerifiedValue[] = [];
    for (const f of result.fields) {
      if (f.value === null) continue;
      // A NEW value fills a gap; it never overwrites what the partner sent.
      if (f.status === 'CHANGE' || (f.status === 'NEW' && this.persons.isBlank(person, f.field))) {
        values.push({ field: f.field, value: f.value });
      }
    }
    if (result.verifiedMobileNumber)
      values.push({ field: 'mobile_number', value: result.verifiedMobileNumber });
    const changes = await this.persons.applyVerifiedData(tx, person, values, 'provider_agent', current.id);
    return changes.map((c) => c.field);
  }
}

function addFlag(flags: string[], flag: FlagReason): string[] {
  return flags.includes(flag) ? flags : [...flags, flag];
}

function lacksProofOfAddress(current: IdentificationEntity, result: ProviderResult): boolean {
  if (current.proofOfAddressType || !result.document?.type || !result.document.country) return false;
  return !documentMayCarryAddress(result.document.type, result.document.country);
}
