import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '#kyc/common';
import { appendDomainEvent, type Tx } from '#kyc/database';
import { IDENTITY_FIELDS, PersonsService, type VerifiedValue } from '#kyc/persons';
import { toIdentificationEventPayload } from './dto/identification-response.js';
import type { IdentificationEntity } from './entities/identification.entity.js';
import { IdentificationsRepository } from './identifications.repository.js';
import type { ProviderResult } from './provider/identification-provider.js';
import { documentMayCarryAddress } from './rules/documents-with-address.js';
import { canTransition, isFinal, REVIEW_STATUSES } from './rules/state-machine.js';

export type ApplyOutcome =
  'transitioned' | 'unchanged' | 'repeated' | 'contradiction' | 'ignored' | 'unknown_transaction';

const COMPLETING = new Set(['successful', 'failed']);

/**
 * Applies an authoritative provider result. Idempotent: the same result twice changes nothing; a result
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
    return this.repo.transaction(async (tx) => {
      const current = await this.repo.lockUnscoped(tx, result.transactionNumber);
      if (!current) return 'unknown_transaction';
      const stored = await this.repo.addProviderResult(tx, {
        identificationId: current.id,
        provider,
        result: result.resultCode,
        payload: result.raw,
        source,
      });
      const to = result.status;
      const base = {
        identificationId: current.id,
        from: current.status,
        to,
        actor: 'provider' as const,
        actorId: provider,
        reasonCode: result.reason,
        providerResultId: stored.id,
      };
      if (to === current.status) {
        if (!stored.isNew || isFinal(to)) return 'unchanged';
        // The customer tried again with the same url and the attempt ended the same way (e.g. aborted twice).
        await this.repo.update(tx, current, {
          failureReason: result.reason,
          providerResult: result.resultCode,
        });
        await this.repo.addEvent(tx, { ...base, kind: 'repeated' });
        return 'repeated';
      }
      if (!canTransition(current.status, to)) {
        if (!isFinal(current.status) || !stored.isNew) return 'ignored';
        await this.repo.update(tx, current, {
          flagged: true,
          flagReasons: addFlag(current.flagReasons, 'provider_contradiction'),
        });
        await this.repo.addEvent(tx, { ...base, kind: 'contradiction' });
        this.log.warn(
          `identification ${current.id}: provider result ${result.resultCode} contradicts final status ${current.status}`,
        );
        return 'contradiction';
      }
      await this.transition(tx, current, result, stored.id);
      return 'transitioned';
    });
  }

  private async transition(
    tx: Tx,
    current: IdentificationEntity,
    result: ProviderResult,
    providerResultId: string,
  ) {
    const to = result.status;
    const now = this.clock.now();
    let flags = current.flagReasons;
    if (to === 'successful') {
      const changed = await this.applyVerifiedData(tx, current, result);
      if (changed.some((f) => IDENTITY_FIELDS.has(f))) flags = addFlag(flags, 'identity_data_changed');
    }
    if ((to === 'successful' || to === 'pending_successful') && lacksProofOfAddress(current, result)) {
      flags = addFlag(flags, 'missing_proof_of_address');
    }
    const columns: Partial<IdentificationEntity> = {
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
    };
    await this.repo.update(tx, current, columns);
    await this.repo.addEvent(tx, {
      identificationId: current.id,
      kind: 'transition',
      from: current.status,
      to,
      actor: 'provider',
      actorId: 'idnow',
      reasonCode: result.reason,
      providerResultId,
    });
    await appendDomainEvent(tx, {
      type: 'IDENTIFICATION',
      partnerId: current.partnerId,
      entityId: current.id,
      payload: toIdentificationEventPayload({ ...current, ...columns }),
    });
  }

  /** The agent's corrections and the verified mobile number land on the person, with a field diff. */
  private async applyVerifiedData(
    tx: Tx,
    current: IdentificationEntity,
    result: ProviderResult,
  ): Promise<string[]> {
    const person = await this.persons.getForUpdate(tx, current.partnerId, current.personId);
    const values: VerifiedValue[] = [];
    for (const f of result.fields) {
      if (f.value === null) continue;
      if (f.status === 'CHANGE' || f.status === 'NEW') values.push({ field: f.field, value: f.value });
    }
    if (result.verifiedMobileNumber)
      values.push({ field: 'mobile_number', value: result.verifiedMobileNumber });
    // A NEW value fills a gap; it never overwrites what the partner sent.
    const fillOnly = new Set(result.fields.filter((f) => f.status === 'NEW').map((f) => f.field));
    const applicable = values.filter((v) => !fillOnly.has(v.field) || isEmpty(person, v.field));
    const changes = await this.persons.applyVerifiedData(
      tx,
      person,
      applicable,
      'provider_agent',
      current.id,
    );
    return changes.map((c) => c.field);
  }
}

function addFlag(flags: string[], flag: string): string[] {
  return flags.includes(flag) ? flags : [...flags, flag];
}

function lacksProofOfAddress(current: IdentificationEntity, result: ProviderResult): boolean {
  if (current.proofOfAddressType || !result.document?.type || !result.document.country) return false;
  return !documentMayCarryAddress(result.document.type, result.document.country);
}

function isEmpty(person: object, field: string): boolean {
  const key = field
    .replace(/^address\./, 'address_')
    .replace(/_([a-z0-9])/g, (_m: string, c: string) => c.toUpperCase());
  const v = (person as Record<string, unknown>)[key];
  return v === null || v === undefined || v === '';
}
