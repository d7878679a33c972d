import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { IdentificationStatus } from '#kyc/identifications';
import { PersonEntity } from '#kyc/persons';

export interface CustomerIdentificationRow {
  id: string;
  status: IdentificationStatus;
  reference: string | null;
  url: string | null;
  url_expires_at: Date | null;
  failure_reason: string | null;
  language: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface CustomerEventRow {
  identification_id: string;
  kind: string;
  to_status: IdentificationStatus;
  created_at: Date;
}

export interface SupportNoteRow {
  id: string;
  author_name: string | null;
  body: string;
  created_at: Date;
}

/** The support desk's reads of a customer and its own notes table; the only file of customer/ touching TypeORM. */
@Injectable()
export class CustomerRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  findPersonUnscoped(id: string): Promise<PersonEntity | null> {
    return this.ds.getRepository(PersonEntity).findOneBy({ id });
  }

  /** The person's identifications, newest first. */
  identifications(personId: string): Promise<CustomerIdentificationRow[]> {
    return this.ds.query(
      `SELECT id, status, reference, url, url_expires_at, failure_reason, language, created_at, updated_at
         FROM identifications WHERE person_id = $1 ORDER BY created_at DESC, id DESC`,
      [personId],
    );
  }

  events(identificationIds: string[]): Promise<CustomerEventRow[]> {
    if (!identificationIds.length) return Promise.resolve([]);
    return this.ds.query(
      `SELECT identification_id, kind, to_status, created_at FROM identification_events
        WHERE identification_id = ANY($1::char(36)[]) ORDER BY id`,
      [identificationIds],
    );
  }

  async notes(personId: string): Promise<SupportNoteRow[]> {
    const rows = await this.ds.query<SupportNoteRow[]>(
      `SELECT n.id, s.display_name AS author_name, n.body, n.created_at
         FROM support_notes n LEFT JOIN staff_users s ON s.id = n.author_id
        WHERE n.person_id = $1 ORDER BY n.id DESC`,
      [personId],
    );
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  }

  async addNote(
    tx: EntityManager,
    note: { personId: string; authorId: string; body: string; at: Date },
  ): Promise<SupportNoteRow> {
    const [row] = await tx.query<SupportNoteRow[]>(
      `WITH n AS (INSERT INTO support_notes (person_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)
                  RETURNING id, author_id, body, created_at)
       SELECT n.id, s.display_name AS author_name, n.body, n.created_at
         FROM n LEFT JOIN staff_users s ON s.id = n.author_id`,
      [note.personId, note.authorId, note.body, note.at],
    );
    return { ...row, id: String(row.id) };
  }
}
