import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '#kyc/common';
import { IdentificationEntity } from './entities/identification.entity.js';
import type { Actor, IdentificationStatus } from './rules/identification-status.js';

export interface NewEvent {
  identificationId: string;
  /**
   * review: an officer closed a case without a status change; reidentification: the partner was
   * re-notified; link_resent: support sent the partner the still-valid link again.
   */
  kind:
    'created' | 'transition' | 'contradiction' | 'repeated' | 'review' | 'reidentification' | 'link_resent';
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

/**
 * The only file of this lib that touches TypeORM. Partner reads are scoped; unscoped ones say so.
 * Creation and event times come from the application clock, so a history (demo data, tests) can be
 * written through the real services at the time it describes.
 */
/** The fields `updateMany` writes (with the id it writes them to). */
export type IdentificationUpdate = Pick<
  IdentificationEntity,
  | 'id'
  | 'status'
  | 'providerResult'
  | 'failureReason'
  | 'reference'
  | 'completedAt'
  | 'reviewStartedAt'
  | 'flagged'
  | 'flagReasons'
  | 'caseOpenedAt'
  | 'caseDueAt'
>;

@Injectable()
export class IdentificationsRepository {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async insert(tx: EntityManager, entity: IdentificationEntity): Promise<void> {
    entity.createdAt ??= this.clock.now();
    await tx.getRepository(IdentificationEntity).insert(entity);
  }

  findById(partnerId: string, personId: string, id: string): Promise<IdentificationEntity | null> {
    return this.ds.getRepository(IdentificationEntity).findOneBy({ partnerId, personId, id });
  }

  findByIdUnscoped(id: string): Promise<IdentificationEntity | null> {
    return this.ds.getRepository(IdentificationEntity).findOneBy({ id });
  }

  listByPerson(
    partnerId: string,
    personId: string,
    offset: number,
    limit: number,
  ): Promise<IdentificationEntity[]> {
    return this.ds.getRepository(IdentificationEntity).find({
      where: { partnerId, personId },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: offset,
      take: limit,
    });
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
         (identification_id, kind, from_status, to_status, actor, actor_id, reason_code, provider_result_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        e.identificationId,
        e.kind,
        e.from,
        e.to,
        e.actor,
        e.actorId ?? null,
        e.reasonCode ?? null,
        e.providerResultId ?? null,
        this.clock.now(),
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

  /** Lock several identifications at once, in id order so concurrent batches cannot deadlock. */
  lockManyUnscoped(tx: EntityManager, ids: string[]): Promise<IdentificationEntity[]> {
    return tx
      .getRepository(IdentificationEntity)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.id IN (:...ids)', { ids })
      .orderBy('i.id')
      .getMany();
  }

  /** Store raw provider results once each; answers, per identification, the stored row's id and whether it is new. */
  async addProviderResults(
    tx: EntityManager,
    rows: { identificationId: string; provider: string; result: string; payload: unknown; source: string }[],
  ): Promise<Map<string, { id: string; isNew: boolean }>> {
    const records = rows.map((r) => ({
      identification_id: r.identificationId,
      provider: r.provider,
      result: r.result,
      payload: r.payload,
      payload_sha256: createHash('sha256').update(JSON.stringify(r.payload)).digest('hex'),
      source: r.source,
    }));
    const inserted: { id: string; identification_id: string }[] = await tx.query(
      `INSERT INTO provider_results (identification_id, provider, result, payload, payload_sha256, source)
       SELECT identification_id, provider, result, payload, payload_sha256, source
         FROM jsonb_to_recordset($1::jsonb) AS x(identification_id char(36), provider text, result text,
              payload jsonb, payload_sha256 char(64), source text)
       ON CONFLICT (identification_id, payload_sha256) DO NOTHING RETURNING id, identification_id`,
      [JSON.stringify(records)],
    );
    const out = new Map(inserted.map((r) => [r.identification_id, { id: String(r.id), isNew: true }]));
    const missing = records.filter((r) => !out.has(r.identification_id));
    if (missing.length) {
      const existing: { id: string; identification_id: string }[] = await tx.query(
        `SELECT p.id, p.identification_id FROM provider_results p
           JOIN unnest($1::char(36)[], $2::char(64)[]) AS k(identification_id, sha)
             ON p.identification_id = k.identification_id AND p.payload_sha256 = k.sha`,
        [missing.map((r) => r.identification_id), missing.map((r) => r.payload_sha256)],
      );
      for (const r of existing) out.set(r.identification_id, { id: String(r.id), isNew: false });
    }
    return out;
  }

  /** Write the next state of several identifications in one statement. */
  async updateMany(tx: EntityManager, rows: IdentificationUpdate[]): Promise<void> {
    if (!rows.length) return;
    const records = rows.map((r) => ({
      id: r.id,
      status: r.status,
      provider_result: r.providerResult,
      failure_reason: r.failureReason,
      reference: r.reference,
      completed_at: r.completedAt,
      review_started_at: r.reviewStartedAt,
      flagged: r.flagged,
      flag_reasons: r.flagReasons,
      case_opened_at: r.caseOpenedAt,
      case_due_at: r.caseDueAt,
    }));
    await tx.query(
      `UPDATE identifications i
          SET status = x.status, provider_result = x.provider_result, failure_reason = x.failure_reason,
              reference = x.reference, completed_at = x.completed_at, review_started_at = x.review_started_at,
              flagged = x.flagged, flag_reasons = x.flag_reasons, case_opened_at = x.case_opened_at,
              case_due_at = x.case_due_at,
              assignee_id = CASE WHEN x.case_opened_at IS NULL THEN NULL ELSE i.assignee_id END,
              assigned_at = CASE WHEN x.case_opened_at IS NULL THEN NULL ELSE i.assigned_at END,
              version = i.version + 1, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS x(id char(36), status text, provider_result text, failure_reason text,
              reference text, completed_at timestamptz, review_started_at timestamptz, flagged boolean, flag_reasons jsonb,
              case_opened_at timestamptz, case_due_at timestamptz)
        WHERE i.id = x.id`,
      [JSON.stringify(records)],
    );
  }

  async addEvents(tx: EntityManager, events: NewEvent[]): Promise<void> {
    if (!events.length) return;
    const records = events.map((e) => ({
      identification_id: e.identificationId,
      kind: e.kind,
      from_status: e.from,
      to_status: e.to,
      actor: e.actor,
      actor_id: e.actorId ?? null,
      reason_code: e.reasonCode ?? null,
      provider_result_id: e.providerResultId ?? null,
    }));
    await tx.query(
      `INSERT INTO identification_events
         (identification_id, kind, from_status, to_status, actor, actor_id, reason_code, provider_result_id, created_at)
       SELECT identification_id, kind, from_status, to_status, actor, actor_id, reason_code, provider_result_id, $2
         FROM jsonb_to_recordset($1::jsonb) AS x(identification_id char(36), kind text, from_status text, to_status text,
              actor text, actor_id text, reason_code text, provider_result_id bigint)`,
      [JSON.stringify(records), this.clock.now()],
    );
  }

  /** Ask for the provider's evidence of these identifications (the documents lib captures it). */
  async enqueueEvidence(tx: EntityManager, due: { identificationId: string; status: string }[], at: Date) {
    if (!due.length) return;
    await tx.query(
      `INSERT INTO evidence_captures (identification_id, status, next_attempt_at, created_at)
       SELECT x.identification_id, x.status, $2, $2
         FROM jsonb_to_recordset($1::jsonb) AS x(identification_id char(36), status text)
       ON CONFLICT (identification_id, status) DO NOTHING`,
      [JSON.stringify(due.map((d) => ({ identification_id: d.identificationId, status: d.status }))), at],
    );
  }
}
