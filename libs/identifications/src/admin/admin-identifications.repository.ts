import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListQuery } from '#kyc/common';
import { type FilterColumn, queryPage } from '#kyc/database';
import { IdentificationEntity } from '../entities/identification.entity.js';
import { outcomeCondition } from './outcome-filters.js';

const FILTERS: Record<string, FilterColumn> = {
  id: { sql: 'i.id', op: '=' },
  person_id: { sql: 'i.person_id', op: '=' },
  partner_id: { sql: 'i.partner_id', op: '=' },
  language: { sql: 'i.language', op: '=' },
  status: { sql: 'i.status', op: '=' },
  flagged: { sql: 'i.flagged', op: '=' },
  failure_reason: { sql: 'i.failure_reason', op: '=' },
  updated_from: { sql: 'i.updated_at', op: '>=' },
  updated_to: { sql: 'i.updated_at', op: '<=' },
};
const SORTS = { created_at: 'i.created_at', updated_at: 'i.updated_at' };

/** Identifications of every partner, for staff. */
@Injectable()
export class AdminIdentificationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async listUnscoped(q: ListQuery): Promise<{ rows: IdentificationEntity[]; total: number }> {
    const { rest, extra } = outcomeCondition(q);
    const page = await queryPage<{ id: string }>(
      this.ds,
      {
        select: 'SELECT i.id FROM identifications i',
        count: 'SELECT count(*)::int AS total FROM identifications i',
      },
      rest,
      { filters: FILTERS, sorts: SORTS, tiebreak: 'i.id', extra },
    );
    if (!page.rows.length) return { rows: [], total: page.total };
    const found = await this.ds
      .getRepository(IdentificationEntity)
      .findBy(page.rows.map(({ id }) => ({ id })));
    const byId = new Map(found.map((i) => [i.id, i]));
    return { rows: page.rows.flatMap(({ id }) => byId.get(id) ?? []), total: page.total };
  }

  findByIdUnscoped(id: string): Promise<IdentificationEntity | null> {
    return this.ds.getRepository(IdentificationEntity).findOneBy({ id });
  }
}
