import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { appendDomainEvent, createRecorded } from '#kyc/database';
import { PersonEntity } from './entities/person.entity.js';

/** Where a created person is read: recorded with an Idempotency-Key (createRecorded). */
const pathOf = (p: PersonEntity | null) => (p ? `/v1/persons/${p.id}` : null);

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
  async insert(person: PersonEntity): Promise<PersonEntity> {
    const { plain } = this.statements();
    return (await createRecorded(this.ds, (m) => this.run(m, plain, person, []), pathOf)) as PersonEntity;
  }

  /**
   * Insert unless `limit` identical persons already exist, in one statement: the identity's counter row
   * (kept by a trigger) is locked by the statement, so concurrent creates cannot slip past the limit.
   */
  async insertWithIdentityLimit(person: PersonEntity, limit: number): Promise<PersonEntity | 'limit'> {
    const { limited } = this.statements();
    return (await createRecorded(this.ds, (m) => this.run(m, limited, person, [limit]), pathOf)) ?? 'limit';
  }

  private prepared?: { plain: string; limited: string; columns: ColumnMetadata[] };

  private statements() {
    if (this.prepared) return this.prepared;
    const columns = this.ds
      .getMetadata(PersonEntity)
      .columns.filter((c) => !c.isCreateDate && !c.isUpdateDate);
    const names = columns.map((c) => c.databaseName).join(', ');
    const params = columns.map((_, i) => `$${i + 1}`).join(', ');
    const at = (name: string) => `$${columns.findIndex((c) => c.databaseName === name) + 1}`;
    const identity = `person_identity(${at('first_name')}::text, ${at('last_name')}::text, ${at('birth_date')}::date, ${at('birth_city')}::text)`;
    const returning = 'RETURNING created_at, updated_at';
    this.prepared = {
      columns,
      plain: `INSERT INTO persons (${names}) VALUES (${params}) ${returning}`,
      limited: `WITH counted AS (SELECT n FROM person_identity_counts
                  WHERE partner_id = ${at('partner_id')}::varchar AND identity = ${identity} FOR UPDATE)
                INSERT INTO persons (${names}) SELECT ${params}
                 WHERE NOT EXISTS (SELECT 1 FROM counted WHERE n >= $${columns.length + 1}::int) ${returning}`,
    };
    return this.prepared;
  }

  private async run(m: EntityManager, sql: string, person: PersonEntity, extra: unknown[]) {
    const { columns } = this.statements();
    const params = columns.map((c) => {
      const v: unknown = c.getEntityValue(person, true);
      if (v === undefined || v === null) return null;
      return c.type === 'jsonb' ? JSON.stringify(v) : v;
    });
    const [row] = await m.query<{ created_at: Date; updated_at: Date }[]>(sql, [...params, ...extra]);
    if (!row) return null;
    for (const c of columns) if (c.getEntityValue(person) === undefined) c.setEntityValue(person, null);
    return Object.assign(person, { createdAt: row.created_at, updatedAt: row.updated_at });
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
    eventPayload: Record<string, unknown> = {},
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
      payload: eventPayload,
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
