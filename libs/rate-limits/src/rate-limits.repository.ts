import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The shared counters (rate_limit_buckets, UNLOGGED on PostgreSQL): one statement per request. */
@Injectable()
export class RateLimitsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Count one hit on each key in the window; answers each key's hits so far, this one included. */
  async hit(windowStart: Date, keys: string[]): Promise<Map<string, number>> {
    const sorted = [...new Set(keys)].sort(); // one lock order, so two requests cannot deadlock
    const values = sorted.map((_, i) => `($1, $${i + 2}, 1)`).join(', ');
    const rows = await this.ds.query<{ key: string; hits: number }[]>(
      `INSERT INTO rate_limit_buckets AS b (window_start, key, hits) VALUES ${values}
       ON CONFLICT (window_start, key) DO UPDATE SET hits = b.hits + 1
       RETURNING b.key, b.hits`,
      [windowStart, ...sorted],
    );
    return new Map(rows.map((r) => [r.key, Number(r.hits)]));
  }

  /** Delete at most `limit` counters of windows that ended before `before`; answers how many. */
  async purge(before: Date, limit: number): Promise<number> {
    // A DELETE answers [rows, count] through TypeORM's query().
    const [, count] = await this.ds.query<[unknown[], number]>(
      `DELETE FROM rate_limit_buckets WHERE (window_start, key) IN (
         SELECT window_start, key FROM rate_limit_buckets WHERE window_start < $1 LIMIT $2)`,
      [before, limit],
    );
    return count;
  }
}
