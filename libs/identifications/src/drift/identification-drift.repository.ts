import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { IdentificationStatus } from '../rules/identification-status.js';

/** A capped list: `total` rows matched, the first `items` of them (oldest first). */
export interface Capped<T> {
  total: number;
  items: T[];
}

/** One identification held too long in a status: its id, status and since when. */
export interface StuckIdentification {
  identification_id: string;
  status: IdentificationStatus;
  since: string;
}

/** The read-only queries of the drift report on identifications: ids and statuses only, no personal data. */
@Injectable()
export class IdentificationDriftRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Our status of each of `ids` that we know. */
  async statusesOf(ids: string[]): Promise<Map<string, IdentificationStatus>> {
    const rows = await this.ds.query<{ id: string; status: IdentificationStatus }[]>(
      `SELECT id, status FROM identifications WHERE id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  /** One page (by id) of a provider's identifications in `statuses`, created before `at`. */
  async page(
    method: string,
    statuses: readonly IdentificationStatus[],
    at: Date,
    after: string,
    limit: number,
  ): Promise<{ id: string; status: IdentificationStatus }[]> {
    return this.ds.query(
      `SELECT id, status FROM identifications
        WHERE method = $1 AND status = ANY($2) AND created_at <= $3 AND id > $4
        ORDER BY id LIMIT $5`,
      [method, statuses, at, after, limit],
    );
  }

  /** Identifications in `statuses` whose `column` is at or before `before`: how many, and the oldest `cap`. */
  async olderThan(
    statuses: readonly IdentificationStatus[],
    column: 'created_at' | 'case_due_at' | 'url_expires_at',
    before: Date,
    cap: number,
  ): Promise<Capped<StuckIdentification>> {
    const rows = await this.ds.query<(StuckIdentification & { total: number; since: Date })[]>(
      `SELECT count(*) OVER ()::int AS total, id AS identification_id, status, ${column} AS since
         FROM identifications WHERE status = ANY($1) AND ${column} <= $2
        ORDER BY ${column}, id LIMIT $3`,
      [statuses, before, cap],
    );
    return {
      total: rows[0]?.total ?? 0,
      items: rows.map((r) => ({
        identification_id: r.identification_id,
        status: r.status,
        since: new Date(r.since).toISOString(),
      })),
    };
  }
}
