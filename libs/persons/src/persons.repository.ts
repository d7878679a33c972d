import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
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

  /**
   * One INSERT, its SQL built once from the entity's columns (the create path is hot: TypeORM's query
   * building cost more than the statement). Unset nullable fields are written as null.
   */
  async insert(person: PersonEntity, m: EntityManager = this.ds.manager): Promise<PersonEntity> {
    const { sql, columns } = (this.insertStatement ??= this.buildInsert());
    const params = columns.map((c) => {
      const v: unknown = c.getEntityValue(person, true);
      if (v === undefined || v === null) return null;
      return c.type === 'jsonb' ? JSON.stringify(v) : v;
    });
    const [row] = await m.query<{ created_at: Date; updated_at: Date }[]>(sql, params);
    for (const c of columns) if (c.getEntityValue(person) === undefined) c.setEntityValue(person, null);
    return Object.assign(person, { createdAt: row.created_at, updatedAt: row.updated_at });
  }

  private insertStatement?: { sql: string; columns: ColumnMetadata[] };

  private buildInsert(): { sql: string; columns: ColumnMetadata[] } {
    const columns = this.ds
      .getMetadata(PersonEntity)
      .columns.filter((c) => !c.isCreateDate && !c.isUpdateDate);
    const names = columns.map((c) => c.databaseName).join(', ');
    const values = columns.map((_, i) => `$${i + 1}`).join(', ');
    return {
      columns,
      sql: `INSERT INTO persons (${names}) VALUES (${values}) RETURNING created_at, updated_at`,
    };
  }

  /**
   * Insert unless `limit` identical persons already exist. The identity's counter row (kept by a
   * trigger) is locked for the transaction, so concurrent creates cannot slip past the limit together.
   */
  async insertWithIdentityLimit(person: PersonEntity, limit: number): Promise<PersonEntity | 'limit'> {
    return this.ds.transaction(async (m) => {
      const [row] = await m.query<{ n: number }[]>(
        `SELECT n FROM person_identity_counts
          WHERE partner_id = $1 AND identity = person_identity($2, $3, $4::date, $5) FOR UPDATE`,
        [person.partnerId, person.firstName, person.lastName, person.birthDate, person.birthCity],
      );
      if (row && row.n >= limit) return 'limit' as const;
      return this.insert(person, m);
    });
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
