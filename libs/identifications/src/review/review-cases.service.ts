import { Injectable } from '@nestjs/common';
import { AuditService } from '#kyc/audit';
import { Clock, ConflictError, isId, NotFoundError, ValidationError } from '#kyc/common';
import { PersonsService, toPersonResponse } from '#kyc/persons';
import type { IdentificationEntity } from '../entities/identification.entity.js';
import { IdentificationProvider } from '../provider/identification-provider.js';
import { failureCode } from '../rules/failure-codes.js';
import { CaseHistoryRepository } from './case-history.repository.js';
import { CaseTimeline, type TimelineEntry } from './case-timeline.js';
import type { Officer } from './decisions.service.js';
import { ReidentificationService } from './reidentification.service.js';
import { ReviewRepository } from './review.repository.js';

/** One row of the case page's diff: our person's value next to what the provider read from the ID. */
export interface FieldDiffRow {
  field: string;
  person_value: string | null;
  document_value: string | null;
  /** The provider's verdict: MATCH, CHANGE (the agent corrected it), NEW (not sent by us), … */
  status: string;
  /** What we had sent, when the agent changed it. */
  original: string | null;
  changed: boolean;
  /** Where the person's current value came from, when the identification changed it. */
  source: string | null;
}

/** The case page and the assignment of cases. */
@Injectable()
export class ReviewCasesService {
  constructor(
    private readonly repo: ReviewRepository,
    private readonly history: CaseHistoryRepository,
    private readonly persons: PersonsService,
    private readonly provider: IdentificationProvider,
    private readonly reidentification: ReidentificationService,
    private readonly timeline: CaseTimeline,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async find(id: string): Promise<IdentificationEntity> {
    const found = isId('identification', id) ? await this.repo.findIdentification(id) : null;
    if (!found) throw new NotFoundError('Identification', id);
    return found;
  }

  /** Everything an officer needs to decide, in one answer; viewing the person's full data is audited. */
  async view(id: string, officer: Officer) {
    const i = await this.find(id);
    const [row, person, payload, changes, history, notes, proposals, allowance, entries] = await Promise.all([
      this.repo.queueRow(id),
      this.persons.get(i.partnerId, i.personId),
      this.history.latestProviderPayload(id),
      this.history.dataChanges(id),
      this.repo.personIdentifications(i.personId),
      this.repo.notes(id),
      this.repo.caseProposals(id),
      this.reidentification.allowance(i.personId),
      this.timelineOf(id),
    ]);
    await this.audit.record({
      ...officer,
      action: 'person.viewed',
      entityType: 'person',
      entityId: i.personId,
      diff: { via: 'review_case', identification_id: id },
    });
    const personData = flatten(toPersonResponse(person));
    const sources = new Map(changes.map((c) => [c.field, c.source]));
    const fields = (payload === null ? null : this.provider.interpret(payload))?.fields ?? [];
    const diff: FieldDiffRow[] = fields.map((f) => ({
      field: f.field,
      person_value: personData[f.field] ?? null,
      document_value: f.value,
      status: f.status,
      original: f.original,
      // The provider's verdict first; otherwise compare as IDnow reads documents (upper case, spaces).
      changed: f.status === 'CHANGE' || (f.status !== 'MATCH' && !sameReading(personData[f.field], f.value)),
      source: sources.get(f.field) ?? null,
    }));
    return {
      id: i.id,
      person_id: i.personId,
      partner_id: i.partnerId,
      status: i.status,
      reference: i.reference,
      language: i.language,
      provider_result: i.providerResult,
      failure_reason: i.failureReason,
      failure_category: failureCode(i.failureReason ?? '')?.category ?? null,
      failure_permanent: failureCode(i.failureReason ?? '')?.permanent ?? null,
      failure_caused_by_user: failureCode(i.failureReason ?? '')?.causedByUser ?? null,
      flagged: i.flagged,
      flag_reasons: i.flagReasons,
      proof_of_address_type: i.proofOfAddressType,
      proof_of_address_issued_at: i.proofOfAddressIssuedAt,
      url_expires_at: i.urlExpiresAt,
      case_open: i.caseOpenedAt !== null,
      case_opened_at: i.caseOpenedAt,
      case_due_at: i.caseDueAt,
      overdue: i.caseDueAt !== null && i.caseDueAt <= this.clock.now(),
      escalated_at: row?.escalated_at ?? null,
      assignee_id: i.assigneeId,
      assignee_name: row?.assignee_name ?? null,
      assigned_at: i.assignedAt,
      decided_by: i.decidedBy,
      decided_at: i.decidedAt,
      version: i.version,
      created_at: i.createdAt,
      completed_at: i.completedAt,
      previous_identification_id: i.previousIdentificationId,
      person: toPersonResponse(person),
      field_diff: diff,
      data_changes: changes,
      earlier_identifications: history
        .filter((h) => h.id !== i.id)
        .map((h) => ({
          id: h.id,
          status: h.status,
          failure_reason: h.failureReason,
          created_at: h.createdAt,
          completed_at: h.completedAt,
        })),
      notes,
      proposals,
      reidentification: { policy: this.reidentification.policy(i), ...allowance },
      timeline: entries,
    };
  }

  /** Every status event, provider result and callback, officer action, webhook and job, in order. */
  private async timelineOf(id: string): Promise<TimelineEntry[]> {
    const [own, audit, others] = await Promise.all([
      this.history.ownTimeline(id),
      this.audit.list({
        sort: { field: 'id', order: 'ASC' },
        offset: 0,
        limit: 100,
        filter: { entity_id: id },
      }),
      this.timeline.entries(id),
    ]);
    const officerActions: TimelineEntry[] = audit.rows.map((a) => ({
      at: a.occurred_at,
      kind: 'audit',
      actor: `${a.actor_type}:${a.actor_id ?? ''}`,
      summary: a.action,
      ref: a.id,
      detail: (a.diff ?? {}) as Record<string, unknown>,
    }));
    return [...own, ...officerActions, ...others].sort(
      (a, b) => new Date(a.at).getTime() - new Date(b.at).getTime(),
    );
  }

  async claim(id: string, officer: Officer) {
    await this.assignTo(id, officer, officer.actorId, 'identification.claimed');
  }

  async release(id: string, officer: Officer) {
    const i = await this.find(id);
    if (i.assigneeId !== officer.actorId) {
      throw new ConflictError(
        i.assigneeId
          ? 'Only the officer who holds the case can release it.'
          : 'The case is not held by anyone.',
      );
    }
    await this.assignTo(id, officer, null, 'identification.released');
  }

  async assign(id: string, officer: Officer, to: string) {
    if (!(await this.repo.isActiveOfficer(to))) {
      throw ValidationError.field('assignee_id', 'must be an active compliance officer');
    }
    await this.assignTo(id, officer, to, 'identification.assigned');
  }

  async addNote(id: string, officer: Officer, body: string) {
    const i = await this.find(id);
    const note = await this.repo.addNote(i.id, officer.actorId, body, this.clock.now());
    await this.audit.record({
      ...officer,
      action: 'identification.note_added',
      entityType: 'identification',
      entityId: i.id,
      diff: { note_id: note.id },
    });
    return note;
  }

  private async assignTo(id: string, officer: Officer, to: string | null, action: string) {
    const i = await this.find(id);
    if (!i.caseOpenedAt) throw new ConflictError(`The identification is ${i.status} and not an open case.`);
    if (!(await this.repo.assign(i.id, officer.actorId, to, this.clock.now()))) {
      const fresh = await this.find(id);
      const holder = await this.repo.staffName(fresh.assigneeId);
      throw new ConflictError(
        fresh.caseOpenedAt
          ? `The case is held by ${holder ?? 'another officer'} since ${fresh.assignedAt?.toISOString()}.`
          : `The case was closed meanwhile (${fresh.status}).`,
      );
    }
    await this.audit.record({
      ...officer,
      action,
      entityType: 'identification',
      entityId: i.id,
      diff: { from: i.assigneeId, to },
    });
  }
}

function sameReading(a: string | null | undefined, b: string | null | undefined): boolean {
  const norm = (v: string | null | undefined) =>
    (v ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toUpperCase();
  return norm(a) === norm(b);
}

/** `{address: {city}}` → `{"address.city": …}`, as provider fields name them; values as strings. */
function flatten(value: Record<string, unknown>, prefix = ''): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      Object.assign(out, flatten(v as Record<string, unknown>, key));
    else out[key] = v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}
