import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

type JsonRow = Record<string, unknown>;

/** A stored document of the person, as much as the pack needs to copy and verify its bytes. */
export interface PackDocument {
  id: string;
  name: string;
  storageKey: string;
  sha256: string;
  size: number;
  /** The whole row, for documents.json. */
  row: JsonRow;
}

/** Every record of one person, read in one snapshot: what the evidence pack's JSON files hold. */
export interface PersonSnapshot {
  person: JsonRow;
  identifications: JsonRow[];
  events: {
    identification_events: JsonRow[];
    provider_results: JsonRow[];
    person_data_changes: JsonRow[];
    evidence_captures: JsonRow[];
  };
  documents: PackDocument[];
  auditEvents: JsonRow[];
  review: {
    case_notes: JsonRow[];
    review_proposals: JsonRow[];
    reidentifications: JsonRow[];
    support_notes: JsonRow[];
  };
}

/**
 * Reads a person's records for the evidence pack: whole rows as stored (`to_jsonb`), across the tables of
 * the libs below, in one REPEATABLE READ snapshot so the files agree with each other. Read-only.
 */
@Injectable()
export class EvidencePackRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Null when there is no such person. Only the transaction's manager is used inside it (embedded engine). */
  snapshot(personId: string): Promise<PersonSnapshot | null> {
    return this.ds.transaction('REPEATABLE READ', async (m) => {
      const [person] = await rows(m, `SELECT to_jsonb(p) AS row FROM persons p WHERE p.id = $1`, [personId]);
      if (!person) return null;
      const identifications = await rows(
        m,
        `SELECT to_jsonb(i) AS row FROM identifications i WHERE i.person_id = $1 ORDER BY i.created_at, i.id`,
        [personId],
      );
      const ids = identifications.map((i) => String(i.id));
      const ofIdentifications = (table: string, order: string) =>
        rows(
          m,
          `SELECT to_jsonb(t) AS row FROM ${table} t WHERE t.identification_id = ANY($1::bpchar[]) ORDER BY ${order}`,
          [ids],
        );
      const documentRows = await rows(
        m,
        `SELECT to_jsonb(d) AS row FROM documents d
          WHERE d.person_id = $1 OR d.identification_id = ANY($2::bpchar[]) ORDER BY d.created_at, d.id`,
        [personId, ids],
      );
      const documents = documentRows.map(toPackDocument);
      const entityIds = [personId, ...ids, ...documents.map((d) => d.id)];
      return {
        person,
        identifications,
        events: {
          identification_events: await ofIdentifications('identification_events', 't.id'),
          provider_results: await ofIdentifications('provider_results', 't.id'),
          person_data_changes: await rows(
            m,
            `SELECT to_jsonb(c) AS row FROM person_data_changes c WHERE c.person_id = $1 ORDER BY c.id`,
            [personId],
          ),
          evidence_captures: await ofIdentifications('evidence_captures', 't.created_at, t.status'),
        },
        documents,
        auditEvents: await rows(
          m,
          // Entity type first, so the (entity_type, entity_id) index answers.
          `SELECT to_jsonb(a) AS row FROM audit_events a
            WHERE a.entity_type IN ('person', 'identification', 'document') AND a.entity_id = ANY($1::text[])
            ORDER BY a.id`,
          [entityIds],
        ),
        review: {
          case_notes: await ofIdentifications('case_notes', 't.id'),
          review_proposals: await ofIdentifications('review_proposals', 't.id'),
          reidentifications: await rows(
            m,
            `SELECT to_jsonb(r) AS row FROM reidentifications r WHERE r.person_id = $1 ORDER BY r.id`,
            [personId],
          ),
          support_notes: await rows(
            m,
            `SELECT to_jsonb(n) AS row FROM support_notes n WHERE n.person_id = $1 ORDER BY n.id`,
            [personId],
          ),
        },
      };
    });
  }
}

async function rows(m: EntityManager, sql: string, params: unknown[]): Promise<JsonRow[]> {
  const found = await m.query<{ row: JsonRow }[]>(sql, params);
  return found.map((r) => r.row);
}

function toPackDocument(row: JsonRow): PackDocument {
  return {
    id: String(row.id),
    name: String(row.name),
    storageKey: String(row.storage_key),
    sha256: String(row.sha256),
    size: Number(row.size),
    row,
  };
}
