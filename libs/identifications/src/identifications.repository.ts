import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { IdentificationEntity } from './entities/identification.entity.js';
import type { Actor, IdentificationStatus } from './rules/identification-status.js';

export interface NewEvent {
  identificationId: string;
  kind: 'created' | 'transition' | 'contradiction' | 'repeated';
  from: IdentificationStatus | null;
  to: IdentificationStatus;
  actor: Actor;
  actorId?: string | null;
  reasonCode?: string | null;
  providerResultId?: string | null;
}

export interface EventRow {
  id: string;
  kind: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  actor_id: string | null;
  reason_code: string | null;
  provider_result_id: string | null;
  created_at: Date;
}

/** The only file of this lib that touches TypeORM. Partner reads are scoped; unscoped ones say so. */
@Injectable()
export class IdentificationsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async insert(tx: EntityManager, entity: IdentificationEntity): Promise<void> {
    await tx.getRepository(IdentificationEntity).insert(entity);
  }

  findById(partnerId: string, personId: string, id: string): Promise<IdentificationEntity | null> {
    return this.ds.getRepository(IdentificationEntity).findOneBy({ partnerId, personId, id });
  }

  findByIdUnscoped(id: string): Promise<IdentificationEntity | null> {
    return this.ds.getRepository(IdentificationEntity).findOneBy({ id });
  }

  listByPerson(partnerId: string, personId: string): Promise<IdentificationEntity[]> {
    return this.ds
      .getRepository(IdentificationEntity)
      .find({ where: { partnerId, personId }, order: { createdAt: 'ASC' } });
  }

  /** Lock one identification for the rest of the transaction (serialises concurrent results). */
  lockUnscoped(tx: EntityManager, id: string): Promise<IdentificationEntity | null> {
    return tx
      .getRepository(IdentificationEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(
    tx: EntityManager,
    current: IdentificationEntity,
    columns: Partial<IdentificationEntity>,
  ): Promise<void> {
    await tx
      .getRepository(IdentificationEntity)
      .update({ id: current.id }, { ...columns, version: current.version + 1 });
  }

  async addEvent(tx: EntityManager, e: NewEvent): Promise<void> {
    await tx.query(
      `INSERT INTO identification_events
         (identification_id, kind, from_status, to_status, actor, actor_id, reason_code, provider_result_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        e.identificationId,
        e.kind,
        e.from,
        e.to,
        e.actor,
        e.actorId ?? null,
        e.reasonCode ?? null,
        e.providerResultId ?? null,
      ],
    );
  }

  /** Store a raw provider result once; answers its id and whether it was new. */
  async addProviderResult(
    tx: EntityManager,
    r: { identificationId: string; provider: string; result: string; payload: unknown; source: string },
  ): Promise<{ id: string; isNew: boolean }> {
    const json = JSON.stringify(r.payload);
    const sha = createHash('sha256').update(json).digest('hex');
    const inserted: { id: string }[] = await tx.query(
      `INSERT INTO provider_results (identification_id, provider, result, payload, payload_sha256, source)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (identification_id, payload_sha256) DO NOTHING RETURNING id`,
      [r.identificationId, r.provider, r.result, json, sha, r.source],
    );
    if (inserted[0]) return { id: String(inserted[0].id), isNew: true };
    const [existing] = await tx.query<{ id: string }[]>(
      `SELECT id FROM provider_results WHERE identification_id = $1 AND payload_sha256 = $2`,
      [r.identificationId, sha],
    );
    return { id: String(existing?.id), isNew: false };
  }

  events(identificationId: string): Promise<EventRow[]> {
    return this.ds.query(
      `SELECT id, kind, from_status, to_status, actor, actor_id, reason_code, provider_result_id, created_at
         FROM identification_events WHERE identification_id = $1 ORDER BY id`,
      [identificationId],
    );
  }
}
