import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ListQuery } from '#kyc/common';

export interface DuePerson {
  id: string;
  partner_id: string;
  due_date: string;
}

export interface ListedRow {
  person_id: string;
  due_date: string;
  resolved_at: Date | null;
}

export interface MovedRow {
  person_id: string;
  due_date: string;
  /** The person's follow-up date now (outside the window), or null when it was removed. */
  current_date: string | null;
}

export interface FollowUpRow {
  person_id: string;
  partner_id: string;
  due_date: string;
  first_listed_at: Date;
  last_listed_at: Date;
  resolved_at: Date | null;
  first_name: string | null;
  last_name: string | null;
}

/** What the admin list filters on, already checked by the controller. */
export interface FollowUpFilter {
  status: 'open' | 'resolved';
  today: string;
  /** Due on or before this day (past included). */
  dueBy?: string;
  overdue?: boolean;
  partnerIds?: string[];
  personIds?: string[];
}

const SORTS: Record<string, string> = {
  due_date: 'f.due_date',
  first_listed_at: 'f.first_listed_at',
  last_listed_at: 'f.last_listed_at',
};

/** The AML follow-up list (`aml_follow_ups`) and the persons' follow-up dates it is made from. */
@Injectable()
export class AmlFollowUpsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Persons due by `until` (past included), in id order after `after`: one batch of the job. */
  duePersons(tx: EntityManager, until: string, after: string, limit: number): Promise<DuePerson[]> {
    return tx.query<DuePerson[]>(
      `SELECT id, partner_id, to_char(aml_follow_up_date, 'YYYY-MM-DD') AS due_date FROM persons
        WHERE aml_follow_up_date <= $1::date AND id > $2 ORDER BY id LIMIT $3`,
      [until, after, limit],
    );
  }

  /** The list rows of these persons, locked for the batch. */
  listed(tx: EntityManager, personIds: string[]): Promise<ListedRow[]> {
    return tx.query<ListedRow[]>(
      `SELECT person_id, to_char(due_date, 'YYYY-MM-DD') AS due_date, resolved_at FROM aml_follow_ups
        WHERE person_id = ANY($1::char(36)[]) ORDER BY person_id FOR UPDATE`,
      [personIds],
    );
  }

  /**
   * List the persons at `at`: new rows, rows whose date changed, resolved rows listed again (a new
   * first listing). `last_listed_at` never goes back, so an older slot run again changes nothing.
   */
  async upsert(tx: EntityManager, due: DuePerson[], at: Date): Promise<void> {
    await tx.query(
      `INSERT INTO aml_follow_ups (person_id, partner_id, due_date, first_listed_at, last_listed_at)
       SELECT u.person_id, u.partner_id, u.due_date::date, $4, $4
         FROM unnest($1::char(36)[], $2::varchar[], $3::text[]) AS u(person_id, partner_id, due_date)
       ON CONFLICT (person_id) DO UPDATE SET
         partner_id = excluded.partner_id,
         due_date = excluded.due_date,
         first_listed_at = CASE WHEN aml_follow_ups.resolved_at IS NULL THEN aml_follow_ups.first_listed_at
                                ELSE excluded.first_listed_at END,
         last_listed_at = CASE WHEN aml_follow_ups.resolved_at IS NULL
                               THEN greatest(aml_follow_ups.last_listed_at, excluded.last_listed_at)
                               ELSE excluded.last_listed_at END,
         resolved_at = NULL`,
      [due.map((d) => d.id), due.map((d) => d.partner_id), due.map((d) => d.due_date), at],
    );
  }

  /** Open rows whose person's date is now after `until` (or gone), locked; rows others hold are skipped. */
  moved(tx: EntityManager, until: string, limit: number): Promise<MovedRow[]> {
    return tx.query<MovedRow[]>(
      `SELECT f.person_id, to_char(f.due_date, 'YYYY-MM-DD') AS due_date,
              to_char(p.aml_follow_up_date, 'YYYY-MM-DD') AS current_date
         FROM aml_follow_ups f JOIN persons p ON p.id = f.person_id
        WHERE f.resolved_at IS NULL AND (p.aml_follow_up_date IS NULL OR p.aml_follow_up_date > $1::date)
        ORDER BY f.person_id LIMIT $2
        FOR UPDATE OF f SKIP LOCKED`,
      [until, limit],
    );
  }

  async resolve(tx: EntityManager, personIds: string[], at: Date): Promise<void> {
    await tx.query(`UPDATE aml_follow_ups SET resolved_at = $2 WHERE person_id = ANY($1::char(36)[])`, [
      personIds,
      at,
    ]);
  }

  /** One page of the admin list; names only when `withNames` (the role may see them). */
  async list(
    q: ListQuery,
    f: FollowUpFilter,
    withNames: boolean,
  ): Promise<{ rows: FollowUpRow[]; total: number }> {
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const where = [f.status === 'open' ? 'f.resolved_at IS NULL' : 'f.resolved_at IS NOT NULL'];
    if (f.dueBy !== undefined) where.push(`f.due_date <= ${p(f.dueBy)}::date`);
    if (f.overdue === true) where.push(`f.due_date < ${p(f.today)}::date`);
    if (f.overdue === false) where.push(`f.due_date >= ${p(f.today)}::date`);
    if (f.partnerIds) where.push(`f.partner_id = ANY(${p(f.partnerIds)}::varchar[])`);
    if (f.personIds) where.push(`f.person_id = ANY(${p(f.personIds)}::char(36)[])`);
    const whereSql = `WHERE ${where.join(' AND ')}`;
    const names = withNames
      ? 'p.first_name, p.last_name'
      : 'NULL::text AS first_name, NULL::text AS last_name';
    const order = `ORDER BY ${SORTS[q.sort.field]} ${q.sort.order}, f.person_id ${q.sort.order}`;
    const [rows, [{ total }]] = await Promise.all([
      this.ds.query<FollowUpRow[]>(
        `SELECT f.person_id, f.partner_id, to_char(f.due_date, 'YYYY-MM-DD') AS due_date, f.first_listed_at,
                f.last_listed_at, f.resolved_at, ${names}
           FROM aml_follow_ups f JOIN persons p ON p.id = f.person_id
           ${whereSql} ${order} LIMIT ${p(q.limit)} OFFSET ${p(q.offset)}`,
        params,
      ),
      this.ds.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM aml_follow_ups f ${whereSql}`,
        params.slice(0, -2),
      ),
    ]);
    return { rows, total };
  }
}
