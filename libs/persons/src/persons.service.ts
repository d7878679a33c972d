import { Injectable } from '@nestjs/common';
import { Clock, Env, newId, NotFoundError, parseBranches } from '#kyc/common';
import type { Tx } from '#kyc/database';
import type { CreatePersonDto } from './dto/create-person.dto.js';
import { toColumns } from './dto/person-input.js';
import type { UpdatePersonDto } from './dto/person-fields.dto.js';
import { PersonEntity } from './entities/person.entity.js';
import { IdenticalPersonsLimitError } from './errors/identical-persons-limit.error.js';
import { PersonsRepository } from './persons.repository.js';
import { amlFollowUpDate, checkResidency } from './rules/person-rules.js';
import {
  diffVerifiedData,
  type FieldChange,
  VERIFIABLE_FIELDS,
  type VerifiedValue,
} from './verified-data.js';

/** The seed's sandbox limit on identical persons. */
const IDENTICAL_PERSONS_LIMIT = 1000;

@Injectable()
export class PersonsService {
  private readonly branches: Map<string, string[]>;

  constructor(
    private readonly repo: PersonsRepository,
    private readonly env: Env,
    private readonly clock: Clock,
  ) {
    this.branches = parseBranches(env.BRANCH_RESIDENCY_COUNTRIES);
  }

  async create(partnerId: string, dto: CreatePersonDto): Promise<PersonEntity> {
    const columns = toColumns(dto as Record<string, unknown>);
    checkResidency(columns.branch ?? null, columns.addressCountry ?? null, this.branches);
    const confirmedOn = columns.amlConfirmedOn ?? this.clock.today();
    const person = Object.assign(new PersonEntity(), columns, {
      id: newId('person'),
      partnerId,
      amlConfirmedOn: confirmedOn,
      amlFollowUpDate: amlFollowUpDate(confirmedOn, this.env.AML_FOLLOW_UP_MONTHS),
    });
    if (this.env.APP_ENV !== 'sandbox') return this.repo.insert(person);
    const saved = await this.repo.insertWithIdentityLimit(person, IDENTICAL_PERSONS_LIMIT);
    if (saved === 'limit') throw new IdenticalPersonsLimitError(IDENTICAL_PERSONS_LIMIT);
    return saved;
  }

  async get(partnerId: string, id: string): Promise<PersonEntity> {
    const person = await this.repo.findById(partnerId, id);
    if (!person) throw new NotFoundError('Person', id);
    return person;
  }

  async update(partnerId: string, id: string, dto: UpdatePersonDto): Promise<PersonEntity> {
    const columns = toColumns(dto as Record<string, unknown>);
    const updated = await this.repo.update(partnerId, id, (current) => {
      const merged = { ...current, ...columns };
      if (columns.branch !== undefined || columns.addressCountry !== undefined) {
        checkResidency(merged.branch, merged.addressCountry, this.branches);
      }
      if (columns.amlConfirmedOn) {
        columns.amlFollowUpDate = amlFollowUpDate(columns.amlConfirmedOn, this.env.AML_FOLLOW_UP_MONTHS);
      }
      return columns;
    });
    if (!updated) throw new NotFoundError('Person', id);
    return updated;
  }

  /** Read inside a transaction, locking the row: used by identifications before applying results. */
  async getForUpdate(tx: Tx, partnerId: string, id: string): Promise<PersonEntity> {
    const person = await tx
      .getRepository(PersonEntity)
      .findOne({ where: { partnerId, id }, lock: { mode: 'pessimistic_write' } });
    if (!person) throw new NotFoundError('Person', id);
    return person;
  }

  /**
   * Apply what the provider verified (the agent's corrections, the verified mobile number) within the
   * caller's transaction. Returns the field-level changes, which are also stored with their source.
   */
  async applyVerifiedData(
    tx: Tx,
    person: PersonEntity,
    values: VerifiedValue[],
    source: string,
    identificationId: string,
  ): Promise<FieldChange[]> {
    const changes = diffVerifiedData(person, values);
    if (!changes.length) return [];
    const columns: Record<string, unknown> = {};
    for (const c of changes) columns[VERIFIABLE_FIELDS[c.field] as string] = c.newValue;
    await this.repo.applyChanges(
      tx,
      person,
      columns,
      changes.map((c) => ({ ...c, source, identificationId })),
    );
    // Keep the caller's locked snapshot current, in case it applies more to the same person.
    Object.assign(person, columns, { version: person.version + 1 });
    return changes;
  }

  /**
   * A compliance decision ended a provisionally successful identification (`failed` or `canceled` after
   * `pending_successful`): the bank must block the account. Sets `flagged_by_compliance`, keeps the
   * change with its source, and tells the partner (PERSON_CHANGED, with the flag in its payload).
   */
  async requireAccountBlocking(
    tx: Tx,
    partnerId: string,
    personId: string,
    identificationId: string,
  ): Promise<void> {
    const person = await this.getForUpdate(tx, partnerId, personId);
    if (person.flaggedByCompliance) return;
    await this.repo.applyChanges(
      tx,
      person,
      { flaggedByCompliance: true },
      [
        {
          field: 'flagged_by_compliance',
          oldValue: 'false',
          newValue: 'true',
          source: 'compliance_decision',
          identificationId,
        },
      ],
      {
        id: person.id,
        flagged_by_compliance: true,
        account_blocking_required: true,
        identification_id: identificationId,
      },
    );
  }

  /** Lock several persons in a transaction, across partners (the provider's results name no partner). */
  getManyForUpdateUnscoped(tx: Tx, ids: string[]): Promise<PersonEntity[]> {
    return tx
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id IN (:...ids)', { ids })
      .orderBy('p.id')
      .getMany();
  }

  /** True when the person has no value for this verifiable field (Solaris name, e.g. `address.city`). */
  isBlank(person: PersonEntity, field: string): boolean {
    const column = VERIFIABLE_FIELDS[field];
    const v = column ? person[column] : undefined;
    return v === null || v === undefined || v === '';
  }
}
