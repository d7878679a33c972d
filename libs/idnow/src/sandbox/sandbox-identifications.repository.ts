import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, LessThanOrEqual, type QueryDeepPartialEntity } from 'typeorm';
import type { IdnowResultCode } from '../results/idnow-result.js';
import type { SandboxIdentification } from './engine/sandbox-identification.js';
import { SandboxIdentificationEntity } from './entities/sandbox-identification.entity.js';

// jsonb columns hold plain JSON; TypeORM's deep-partial type cannot express Record<string, unknown>.
type Columns = QueryDeepPartialEntity<SandboxIdentificationEntity>;

/**
 * The only file of the sandbox that touches TypeORM. Transactions stay short and never wait on the
 * network: the embedded engine serialises them all.
 */
@Injectable()
export class SandboxIdentificationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  find(companyId: string, transactionNumber: string): Promise<SandboxIdentification | null> {
    return this.ds.getRepository(SandboxIdentificationEntity).findOneBy({ companyId, transactionNumber });
  }

  /** The row, locked until the transaction ends. */
  lock(
    m: EntityManager,
    companyId: string,
    transactionNumber: string,
  ): Promise<SandboxIdentification | null> {
    return m
      .getRepository(SandboxIdentificationEntity)
      .findOne({ where: { companyId, transactionNumber }, lock: { mode: 'pessimistic_write' } });
  }

  async insert(m: EntityManager, row: SandboxIdentification): Promise<void> {
    await m.getRepository(SandboxIdentificationEntity).insert(row as Columns);
  }

  async update(m: EntityManager, row: SandboxIdentification): Promise<void> {
    const { companyId, transactionNumber, createdAt: _, ...columns } = row;
    await m
      .getRepository(SandboxIdentificationEntity)
      .update({ companyId, transactionNumber }, columns as Columns);
  }

  async delete(companyId: string, transactionNumber: string): Promise<boolean> {
    const res = await this.ds
      .getRepository(SandboxIdentificationEntity)
      .delete({ companyId, transactionNumber });
    return (res.affected ?? 0) > 0;
  }

  /** The current results of one company with one of `codes`, oldest change first. */
  async listResults(
    companyId: string,
    codes: readonly IdnowResultCode[],
  ): Promise<Record<string, unknown>[]> {
    const rows = await this.ds.getRepository(SandboxIdentificationEntity).find({
      select: { result: true },
      where: { companyId, resultCode: In([...codes]) },
      order: { updatedAt: 'ASC', transactionNumber: 'ASC' },
    });
    return rows.flatMap((r) => (r.result ? [r.result] : []));
  }

  /** Rows with a step due by `now`, locked; rows another process holds are skipped, not waited for. */
  claimDue(m: EntityManager, now: Date, limit: number): Promise<SandboxIdentification[]> {
    return m.getRepository(SandboxIdentificationEntity).find({
      where: { nextDueAt: LessThanOrEqual(now) },
      order: { nextDueAt: 'ASC' },
      take: limit,
      lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
    });
  }
}
