import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { appendDomainEvent } from '#kyc/database';
import { PersonEntity } from './entities/person.entity.js';

/** The only file of this lib that touches TypeORM. Every read is scoped to a partner. */
@Injectable()
export class PersonsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  findById(partnerId: string, id: string, m: EntityManager = this.ds.manager): Promise<PersonEntity | null> {
    return m.getRepository(PersonEntity).findOneBy({ partnerId, id });
  }

  /** Staff and jobs read across partners; spelled out so an unscoped read is never an accident. */
  findByIdUnscoped(id: string): Promise<PersonEntity | null> {
    return this.ds.getRepository(PersonEntity).findOneBy({ id });
  }

  async insert(person: PersonEntity): Promise<PersonEntity> {
    await this.ds.getRepository(PersonEntity).insert(person);
    return (await this.findById(person.partnerId, person.id)) as PersonEntity;
  }

  /**
   * Insert unless `limit` identical persons already exist. The identity tuple is locked for the
   * transaction so concurrent creates cannot slip past the limit together.
   */
  async insertWithIdentityLimit(person: PersonEntity, limit: number): Promise<PersonEntity | 'limit'> {
    const inserted = await this.ds.transaction(async (m) => {
      const key = JSON.stringify([
        person.partnerId,
        person.firstName,
        person.lastName,
        person.birthDate,
        person.birthCity,
      ]);
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
      const [{ n }] = await m.query<[{ n: number }]>(
        `SELECT count(*)::int AS n FROM persons
          WHERE partner_id = $1 AND first_name IS NOT DISTINCT FROM $2 AND last_name IS NOT DISTINCT FROM $3
            AND birth_date IS NOT DISTINCT FROM $4 AND birth_city IS NOT DISTINCT FROM $5`,
        [person.partnerId, person.firstName, person.lastName, person.birthDate, person.birthCity],
      );
      if (n >= limit) return false;
      await m.getRepository(PersonEntity).insert(person);
      return true;
    });
    return inserted ? ((await this.findById(person.partnerId, person.id)) as PersonEntity) : 'limit';
  }

  /** Lock the row, let `change` compute the new columns, save with a version bump. */
  async update(
    partnerId: string,
    id: string,
    change: (current: PersonEntity) => Partial<PersonEntity>,
  ): Promise<PersonEntity | null> {
    return this.ds.transaction(async (m) => {
      const current = await m
        .getRepository(PersonEntity)
        .findOne({ where: { partnerId, id }, lock: { mode: 'pessimistic_write' } });
      if (!current) return null;
      const columns = change(current);
      await m
        .getRepository(PersonEntity)
        .update({ partnerId, id }, { ...columns, version: current.version + 1 });
      return this.findById(partnerId, id, m);
    });
  }

  /** Apply provider-verified values inside the caller's transaction and keep a field-level diff. */
  async applyChanges(
    m: EntityManager,
    person: PersonEntity,
    columns: Partial<PersonEntity>,
    diff: {
      field: string;
      oldValue: string | null;
      newValue: string;
      source: string;
      identificationId: string;
    }[],
  ): Promise<void> {
    await m
      .getRepository(PersonEntity)
      .update({ partnerId: person.partnerId, id: person.id }, { ...columns, version: person.version + 1 });
    for (const d of diff) {
      await m.query(
        `INSERT INTO person_data_changes (person_id, identification_id, field, old_value, new_value, source)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [person.id, d.identificationId, d.field, d.oldValue, d.newValue, d.source],
      );
    }
    await appendDomainEvent(m, {
      type: 'PERSON_CHANGED',
      partnerId: person.partnerId,
      entityId: person.id,
      payload: {},
    });
  }

  findChanges(personId: string): Promise<
    {
      field: string;
      old_value: string | null;
      new_value: string | null;
      source: string;
      identification_id: string | null;
      created_at: Date;
    }[]
  > {
    return this.ds.query(
      `SELECT field, old_value, new_value, source, identification_id, created_at FROM person_data_changes WHERE person_id = $1 ORDER BY id`,
      [personId],
    );
  }
}
