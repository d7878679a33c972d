import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListQuery } from '#kyc/common';
import { type FilterColumn, listClauses } from '#kyc/database';
import { PersonEntity } from '../entities/person.entity.js';

const FILTERS: Record<string, FilterColumn> = {
  id: { sql: 'p.id', op: '=' },
  partner_id: { sql: 'p.partner_id', op: '=' },
  q: {
    sql: `(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '') || ' ' || coalesce(p.email, ''))`,
    op: 'contains',
  },
};
const SORTS = { created_at: 'p.created_at', last_name: 'p.last_name' };

/** Persons of every partner for staff: a simple filtered list (the support desk's search comes later). */
@Injectable()
export class AdminPersonsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async listUnscoped(q: ListQuery): Promise<{ rows: PersonEntity[]; total: number }> {
    const { where, page, params } = listClauses(q, FILTERS, SORTS, 'p.id');
    const [ids, [{ total }]] = await Promise.all([
      this.ds.query<{ id: string }[]>(`SELECT p.id FROM persons p ${where} ${page}`, params),
      this.ds.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM persons p ${where}`,
        params.slice(0, -2),
      ),
    ]);
    if (!ids.length) return { rows: [], total };
    const found = await this.ds.getRepository(PersonEntity).findBy(ids.map(({ id }) => ({ id })));
    const byId = new Map(found.map((p) => [p.id, p]));
    return { rows: ids.map(({ id }) => byId.get(id)!).filter(Boolean), total };
  }

  findByIdUnscoped(id: string): Promise<PersonEntity | null> {
    return this.ds.getRepository(PersonEntity).findOneBy({ id });
  }
}
