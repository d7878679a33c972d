import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MetricsRegistry } from '#kyc/metrics';

/** The parts of pg's Pool the gauges read. */
interface PgPoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * This process's connection pool (TypeORM's pg pool; on the embedded engine it connects to PGlite's
 * socket the same way): connections open, idle, and queries waiting for one.
 */
@Injectable()
export class DatabasePoolMetrics {
  constructor(registry: MetricsRegistry, @InjectDataSource() ds: DataSource) {
    const conns = registry.gauge('db_pool_connections', 'Database pool connections by state (total, idle).', [
      'state',
    ]);
    const waiting = registry.gauge('db_pool_waiting_requests', 'Queries waiting for a pool connection.');
    const max = registry.gauge('db_pool_max_connections', 'Size limit of the database pool.');
    registry.onCollect([conns, waiting, max], () => {
      const pool = (ds.driver as unknown as { master?: PgPoolCounts & { options?: { max?: number } } })
        .master;
      if (!pool) return;
      conns.set({ state: 'total' }, pool.totalCount);
      conns.set({ state: 'idle' }, pool.idleCount);
      waiting.set(undefined, pool.waitingCount);
      if (pool.options?.max) max.set(undefined, pool.options.max);
    });
  }
}
