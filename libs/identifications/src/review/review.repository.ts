import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ListQuery } from '#kyc/common';
import { IdentificationEntity } from '../entities/identification.entity.js';
import type { ReviewAction } from '../rules/decision-reasons.js';
import { queueClauses } from './review-queue.filters.js';
import { ESCALATED_SQL } from './review-sla.repository.js';

export interface QueueRow {
  id: string;
  person_id: string;
  partner_id: string;
  status: string;
  provider_result: string | null;
  failure_reason: string | null;
  language: string | null;
  flagged: boolean;
  flag_reasons: string[];
  case_opened_at: Date;
  case_due_at: Date;
  assignee_id: string | null;
  assignee_name: string | null;
  assigned_at: Date | null;
  version: number;
  first_name: string | null;
  last_name: string | null;
  proposal_id: string | null;
  proposal_action: string | null;
  proposed_by: string | null;
  /** When the review SLA job escalated this (open) case; null while it is not escalated. */
  escalated_at: Date | null;
}

export interface ProposalRow {
  id: string;
  identification_id: string;
  action: ReviewAction | 'reidentify';
  reason_code: string;
  justification: string;
  identification_version: number;
  proposed_by: string;
  proposed_by_name: string | null;
  proposed_at: Date;
  state: 'pending' | 'confirmed' | 'declined' | 'superseded';
  resolved_by: string | null;
  resolved_at: Date | null;
}

export interface NoteRow {
  id: string;
  author_id: string;
  author_name: string | null;
  body: string;
  created_at: Date;
}

const QUEUE_SELECT = `
  SELECT i.id, i.person_id, i.partner_id, i.status, i.provider_result, i.failure_reason, i.language, i.flagged,
         i.flag_reasons, i.case_opened_at, i.case_due_at, i.assignee_id, s.display_name AS assignee_name,
         i.assigned_at, i.version, p.first_name, p.last_name,
         rp.id AS proposal_id, rp.action AS proposal_action, rp.proposed_by,
         CASE WHEN ${ESCALATED_SQL} THEN i.case_escalated_at END AS escalated_at
    FROM identifications i
    JOIN persons p ON p.id = i.person_id
    LEFT JOIN staff_users s ON s.id = i.assignee_id
    LEFT JOIN review_proposals rp ON rp.identification_id = i.id AND rp.state = 'pending'`;

const PROPOSAL_SELECT = `
  SELECT rp.id, rp.identification_id, rp.action, rp.reason_code, rp.justification, rp.identification_version,
         rp.proposed_by, s.display_name AS proposed_by_name, rp.proposed_at, rp.state, rp.resolved_by, rp.resolved_at
    FROM review_proposals rp LEFT JOIN staff_users s ON s.id = rp.proposed_by`;

/** The review's reads and writes on identifications and its own tables; the only such file. */
@Injectable()
export class ReviewRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async queue(q: ListQuery, ctx: { me: string; now: Date }): Promise<{ rows: QueueRow[]; total: number }> {
    const { where, order, params } = queueClauses(q, ctx);
    const n = params.length;
    const [rows, [{ total }]] = await Promise.all([
      this.ds.query<QueueRow[]>(`${QUEUE_SELECT} ${where} ${order} LIMIT $${n + 1} OFFSET $${n + 2}`, [
        ...params,
        q.limit,
        q.offset,
      ]),
      this.ds.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM identifications i ${where}`,
        params,
      ),
    ]);
    return { rows, total };
  }

  async queueRow(id: string): Promise<QueueRow | null> {
    const rows = await this.ds.query<QueueRow[]>(`${QUEUE_SELECT} WHERE i.id = $1`, [id]);
    return rows[0] ?? null;
  }

  findIdentification(id: string): Promise<IdentificationEntity | null> {
    return this.ds.getRepository(IdentificationEntity).findOneBy({ id });
  }

  lock(tx: EntityManager, id: string): Promise<IdentificationEntity | null> {
    return tx
      .getRepository(IdentificationEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Earlier (and later) identifications of the person, newest first. */
  personIdentifications(personId: string): Promise<IdentificationEntity[]> {
    return this.ds
      .getRepository(IdentificationEntity)
      .find({ where: { personId }, order: { createdAt: 'DESC' } });
  }

  staffName(id: string | null): Promise<string | null> {
    if (!id) return Promise.resolve(null);
    return this.ds
      .query<{ display_name: string }[]>(`SELECT display_name FROM staff_users WHERE id = $1`, [id])
      .then((r) => r[0]?.display_name ?? null);
  }

  /** Active compliance officers: whom a case can be assigned to. */
  officers(): Promise<{ id: string; display_name: string }[]> {
    return this.ds.query(
      `SELECT id, display_name FROM staff_users WHERE role = 'compliance_officer' AND status = 'active' ORDER BY display_name, id`,
    );
  }

  /** An active compliance officer with this id (the only people a case can be assigned to). */
  async isActiveOfficer(id: string): Promise<boolean> {
    const rows = await this.ds.query<unknown[]>(
      `SELECT 1 FROM staff_users WHERE id = $1 AND role = 'compliance_officer' AND status = 'active'`,
      [id],
    );
    return rows.length === 1;
  }

  /**
   * Take or give the case: only when it is open and free, or already held by `holder` (claim: `to` =
   * `holder`; assign: a colleague). Answers false when someone else holds it or it is closed.
   */
  async assign(id: string, holder: string, to: string | null, at: Date): Promise<boolean> {
    const [, count] = await this.ds.query<[unknown[], number]>(
      `UPDATE identifications SET assignee_id = $3, assigned_at = CASE WHEN $3::uuid IS NULL THEN NULL ELSE $4::timestamptz END
        WHERE id = $1 AND case_opened_at IS NOT NULL AND (assignee_id IS NULL OR assignee_id = $2)`,
      [id, holder, to, at],
    );
    return count === 1;
  }

  /**
   * The decision itself: status, flags and case closed, only if nobody changed the identification
   * since `version` was read (an explicit check; a version column alone guards nothing).
   */
  async applyDecision(
    tx: EntityManager,
    id: string,
    version: number,
    next: Pick<
      IdentificationEntity,
      | 'status'
      | 'completedAt'
      | 'flagged'
      | 'flagReasons'
      | 'caseOpenedAt'
      | 'caseDueAt'
      | 'decidedBy'
      | 'decidedAt'
    >,
  ): Promise<boolean> {
    const [, count] = await tx.query<[unknown[], number]>(
      `UPDATE identifications
          SET status = $3, completed_at = $4, flagged = $5, flag_reasons = $6::jsonb, case_opened_at = $7,
              case_due_at = $8, assignee_id = CASE WHEN $7::timestamptz IS NULL THEN NULL ELSE assignee_id END,
              assigned_at = CASE WHEN $7::timestamptz IS NULL THEN NULL ELSE assigned_at END,
              decided_by = $9, decided_at = $10, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2`,
      [
        id,
        version,
        next.status,
        next.completedAt,
        next.flagged,
        JSON.stringify(next.flagReasons),
        next.caseOpenedAt,
        next.caseDueAt,
        next.decidedBy,
        next.decidedAt,
      ],
    );
    return count === 1;
  }

  async addNote(identificationId: string, authorId: string, body: string, at: Date): Promise<NoteRow> {
    const [row] = await this.ds.query<{ id: string }[]>(
      `INSERT INTO case_notes (identification_id, author_id, body, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [identificationId, authorId, body, at],
    );
    return {
      id: String(row.id),
      author_id: authorId,
      author_name: await this.staffName(authorId),
      body,
      created_at: at,
    };
  }

  notes(identificationId: string): Promise<NoteRow[]> {
    return this.ds.query<NoteRow[]>(
      `SELECT n.id, n.author_id, s.display_name AS author_name, n.body, n.created_at
         FROM case_notes n LEFT JOIN staff_users s ON s.id = n.author_id
        WHERE n.identification_id = $1 ORDER BY n.id`,
      [identificationId],
    );
  }

  /** A new proposal; null when one already awaits a second officer on this case. */
  async addProposal(
    tx: EntityManager,
    p: Pick<
      ProposalRow,
      | 'identification_id'
      | 'action'
      | 'reason_code'
      | 'justification'
      | 'identification_version'
      | 'proposed_by'
      | 'proposed_at'
    >,
  ): Promise<string | null> {
    const rows = await tx.query<{ id: string }[]>(
      `INSERT INTO review_proposals (identification_id, action, reason_code, justification, identification_version,
                                     proposed_by, proposed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (identification_id) WHERE state = 'pending' DO NOTHING RETURNING id`,
      [
        p.identification_id,
        p.action,
        p.reason_code,
        p.justification,
        p.identification_version,
        p.proposed_by,
        p.proposed_at,
      ],
    );
    return rows[0] ? String(rows[0].id) : null;
  }

  async proposal(id: string, tx?: EntityManager): Promise<ProposalRow | null> {
    if (!/^[0-9]{1,18}$/.test(id)) return null;
    const rows = await (tx ?? this.ds).query<ProposalRow[]>(
      `${PROPOSAL_SELECT} WHERE rp.id = $1 ${tx ? 'FOR UPDATE OF rp' : ''}`,
      [id],
    );
    return rows[0] ? { ...rows[0], id: String(rows[0].id) } : null;
  }

  async proposals(q: ListQuery, state: string | undefined): Promise<{ rows: ProposalRow[]; total: number }> {
    const where = state ? `WHERE rp.state = $1` : '';
    const params: unknown[] = state ? [state] : [];
    const n = params.length;
    const [rows, [{ total }]] = await Promise.all([
      this.ds.query<ProposalRow[]>(
        `${PROPOSAL_SELECT} ${where} ORDER BY rp.proposed_at ${q.sort.order}, rp.id ${q.sort.order} LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, q.limit, q.offset],
      ),
      this.ds.query<{ total: number }[]>(
        `SELECT count(*)::int AS total FROM review_proposals rp ${where}`,
        params,
      ),
    ]);
    return { rows: rows.map((r) => ({ ...r, id: String(r.id) })), total };
  }

  caseProposals(identificationId: string): Promise<ProposalRow[]> {
    return this.ds
      .query<ProposalRow[]>(`${PROPOSAL_SELECT} WHERE rp.identification_id = $1 ORDER BY rp.id`, [
        identificationId,
      ])
      .then((rows) => rows.map((r) => ({ ...r, id: String(r.id) })));
  }

  /** Proposals still awaiting a second person on any of these identifications, oldest first. */
  async pendingProposals(identificationIds: string[]): Promise<ProposalRow[]> {
    if (!identificationIds.length) return [];
    const rows = await this.ds.query<ProposalRow[]>(
      `${PROPOSAL_SELECT} WHERE rp.identification_id = ANY($1::char(36)[]) AND rp.state = 'pending' ORDER BY rp.id`,
      [identificationIds],
    );
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  }

  async resolveProposal(
    tx: EntityManager,
    id: string,
    state: 'confirmed' | 'declined' | 'superseded',
    by: string | null,
    at: Date,
  ): Promise<void> {
    await tx.query(
      `UPDATE review_proposals SET state = $2, resolved_by = $3, resolved_at = $4 WHERE id = $1`,
      [id, state, by, at],
    );
  }

  /** Any proposal still pending on the case is out of date once the case is decided. */
  async supersedeProposals(tx: EntityManager, identificationId: string, at: Date): Promise<void> {
    await tx.query(
      `UPDATE review_proposals SET state = 'superseded', resolved_at = $2 WHERE identification_id = $1 AND state = 'pending'`,
      [identificationId, at],
    );
  }

  async reidentificationsSince(personId: string, since: Date): Promise<Date[]> {
    const rows = await this.ds.query<{ created_at: Date }[]>(
      `SELECT created_at FROM reidentifications WHERE person_id = $1 AND created_at > $2 ORDER BY created_at`,
      [personId, since],
    );
    return rows.map((r) => r.created_at);
  }

  async addReidentification(
    tx: EntityManager,
    r: {
      personId: string;
      from: string;
      to: string | null;
      mode: string;
      by: string;
      overrideBy: string | null;
      at: Date;
    },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO reidentifications (person_id, from_identification_id, to_identification_id, mode, requested_by, override_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [r.personId, r.from, r.to, r.mode, r.by, r.overrideBy, r.at],
    );
  }
}
