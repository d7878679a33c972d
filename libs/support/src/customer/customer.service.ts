import { Injectable } from '@nestjs/common';
import { AuditService } from '#kyc/audit';
import { Clock, isId, NotFoundError, ValidationError } from '#kyc/common';
import { type Officer, ReidentificationService } from '#kyc/identifications';
import { maskPerson, type PersonEntity, toPersonResponse } from '#kyc/persons';
import { type Answer, composeAnswer } from './answer-helper.js';
import { type CustomerIdentificationRow, CustomerRepository } from './customer.repository.js';
import {
  customerReason,
  eventWords,
  headlineOf,
  type IdentificationFacts,
  type Language,
  urlValid,
} from './customer-words.js';

const facts = (i: CustomerIdentificationRow): IdentificationFacts => ({
  status: i.status,
  failureReason: i.failure_reason,
  url: i.url,
  urlExpiresAt: i.url_expires_at,
});

/** The customer's language: that of the newest identification, English unless it is German. */
const languageOf = (rows: CustomerIdentificationRow[]): Language =>
  rows[0]?.language?.toLowerCase() === 'de' ? 'de' : 'en';

/**
 * The support desk's person 360: personal data masked for everyone (officers unmask separately, with a
 * reason), the state and the timeline in the customer's terms, notes, pending proposals; the answer helper.
 */
@Injectable()
export class CustomerService {
  constructor(
    private readonly repo: CustomerRepository,
    private readonly reidentification: ReidentificationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async view(personId: string, actor: Officer) {
    const person = await this.person(personId);
    const rows = await this.repo.identifications(person.id);
    const ids = rows.map((i) => i.id);
    const [events, notes, proposals] = await Promise.all([
      this.repo.events(ids),
      this.repo.notes(person.id),
      this.reidentification.pendingProposals(ids),
    ]);
    const now = this.clock.now();
    await this.audit.record({
      ...actor,
      action: 'support.customer_viewed',
      entityType: 'person',
      entityId: person.id,
      diff: { identifications: ids.length },
    });
    return {
      person: { ...maskPerson(toPersonResponse(person)), partner_id: person.partnerId, masked: true },
      customer_language: languageOf(rows),
      headline: headlineOf(rows[0] ? facts(rows[0]) : null, now),
      identifications: rows.map((i) => ({
        id: i.id,
        status: i.status,
        reference: i.reference,
        created_at: i.created_at,
        updated_at: i.updated_at,
        url_valid: urlValid(facts(i), now),
        reason: customerReason(facts(i)),
        events: events
          .filter((e) => e.identification_id === i.id)
          .flatMap((e) => {
            const text = eventWords(e.kind, e.to_status);
            return text ? [{ at: e.created_at, status: e.to_status, text }] : [];
          }),
      })),
      notes,
      pending_proposals: proposals.map((p) => ({
        id: p.id,
        identification_id: p.identification_id,
        action: p.action,
        reason_code: p.reason_code,
        proposed_by_name: p.proposed_by_name,
        proposed_at: p.proposed_at,
      })),
    };
  }

  /** A ready-to-send reply about the newest identification, or the one named, from the masked person only. */
  async answer(personId: string, language: Language | undefined, identificationId?: string): Promise<Answer> {
    const person = await this.person(personId);
    const rows = await this.repo.identifications(person.id);
    const chosen = identificationId ? rows.find((i) => i.id === identificationId) : rows[0];
    if (identificationId && !chosen) throw new NotFoundError('Identification', identificationId);
    const masked = maskPerson(toPersonResponse(person));
    return composeAnswer(
      masked,
      chosen ? facts(chosen) : null,
      language ?? languageOf(rows),
      this.clock.now(),
    );
  }

  async addNote(personId: string, body: string, author: Officer) {
    const person = await this.person(personId);
    return this.repo.transaction(async (tx) => {
      const note = await this.repo.addNote(tx, {
        personId: person.id,
        authorId: author.actorId,
        body,
        at: this.clock.now(),
      });
      // The body stays out of the audit trail: it may hold what the customer wrote.
      await this.audit.record(
        {
          ...author,
          action: 'support.note_added',
          entityType: 'person',
          entityId: person.id,
          diff: { note_id: note.id, length: body.length },
        },
        tx,
      );
      return note;
    });
  }

  /** The full person for a compliance officer, audited with the reason given. */
  async unmask(personId: string, reason: string, officer: Officer) {
    const person = await this.person(personId);
    await this.audit.record({
      ...officer,
      action: 'person.unmasked',
      entityType: 'person',
      entityId: person.id,
      diff: { reason, via: 'support' },
    });
    return { ...toPersonResponse(person), partner_id: person.partnerId, masked: false };
  }

  private async person(id: string): Promise<PersonEntity> {
    if (!isId('person', id)) throw ValidationError.field('person_id', 'is not a person id');
    const person = await this.repo.findPersonUnscoped(id);
    if (!person) throw new NotFoundError('Person', id);
    return person;
  }
}
