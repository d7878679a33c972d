import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '#kyc/database';

/** A found person with its latest identification, before masking. */
export interface SearchHit {
  person_id: string;
  partner_id: string;
  first_name: string | null;
  last_name: string | null;
  birth_date: string | null;
  email: string | null;
  mobile_number: string | null;
  identification_id: string | null;
  identification_status: string | null;
  identification_reference: string | null;
  identification_updated_at: Date | null;
  score: number;
}

/**
 * Lowest word similarity a name hit must reach. One word: 0.5 ("Schmitd" → "Schmidt" is 0.63, "O Brien" →
 * "OBrien" 0.5). Two words or more: 0.6, so "Hans Muller" does not take every Müller (0.58) as a candidate.
 */
export function nameThreshold(name: string): number {
  return name.split(/[\s\p{P}]+/u).filter((w) => w.length >= 2).length > 1 ? 0.6 : 0.5;
}

const NAME_KEY = 'p.search_name';

/** The found persons (`matched`, ranked) with their latest identification of any partner. */
const hits = (matched: string) => `
  WITH matched AS (${matched})
  SELECT p.id AS person_id, p.partner_id, p.first_name, p.last_name, to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date,
         p.email, p.mobile_number, li.id AS identification_id, li.status AS identification_status,
         li.reference AS identification_reference, li.updated_at AS identification_updated_at, m.score
    FROM matched m
    JOIN persons p ON p.id = m.id
    LEFT JOIN LATERAL (
      SELECT i.id, i.status, i.reference, i.updated_at FROM identifications i
       WHERE i.partner_id = p.partner_id AND i.person_id = p.id
       ORDER BY i.created_at DESC, i.id DESC LIMIT 1
    ) li ON true
   ORDER BY m.score DESC, m.closeness DESC, p.id`;

/**
 * Staff search every partner's persons (the back-office's job), so these reads are unscoped by design.
 * Each query is shaped for one index (see the migration CreateSupportSearchIndexes).
 */
@Injectable()
export class SupportSearchRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Run the search and its audit in one transaction; on the embedded engine use only `tx` inside. */
  inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  byPersonIdUnscoped(tx: Tx, id: string, limit: number): Promise<SearchHit[]> {
    return tx.query(
      hits(`SELECT id, 1::real AS score, 1::real AS closeness FROM persons WHERE id = $1 LIMIT $2`),
      [id, limit],
    );
  }

  byIdentificationIdUnscoped(tx: Tx, id: string, limit: number): Promise<SearchHit[]> {
    return tx.query(
      hits(
        `SELECT person_id AS id, 1::real AS score, 1::real AS closeness FROM identifications WHERE id = $1 LIMIT $2`,
      ),
      [id, limit],
    );
  }

  byReferenceUnscoped(tx: Tx, reference: string, limit: number): Promise<SearchHit[]> {
    return tx.query(
      hits(`SELECT DISTINCT person_id AS id, 1::real AS score, 1::real AS closeness FROM identifications
             WHERE lower(reference) = lower($1) LIMIT $2`),
      [reference, limit],
    );
  }

  byEmailUnscoped(tx: Tx, email: string, limit: number): Promise<SearchHit[]> {
    return tx.query(
      hits(`SELECT id, 1::real AS score, 1::real AS closeness FROM persons
             WHERE lower(email) = lower($1) AND email IS NOT NULL ORDER BY created_at DESC LIMIT $2`),
      [email, limit],
    );
  }

  byPhoneUnscoped(tx: Tx, phone: string, limit: number): Promise<SearchHit[]> {
    return tx.query(
      hits(`SELECT id, 1::real AS score, 1::real AS closeness FROM persons
             WHERE kyc_phone_key(mobile_number) = kyc_phone_key($1) AND mobile_number IS NOT NULL
             ORDER BY created_at DESC LIMIT $2`),
      [phone, limit],
    );
  }

  /**
   * Fuzzy and accent-free: the folded query against the folded full name by trigram word similarity,
   * which the GIN index answers (`%>`), ranked by that similarity. `birthDate` narrows it.
   */
  async byNameUnscoped(tx: Tx, name: string, birthDate: string | null, limit: number): Promise<SearchHit[]> {
    await tx.query(`SET LOCAL pg_trgm.word_similarity_threshold = ${nameThreshold(name)}`);
    return tx.query(
      hits(`SELECT id, score, closeness FROM (
              SELECT p.id, word_similarity(kyc_search_fold($1), ${NAME_KEY}) AS score,
                     -- equal scores: the closer whole name first ("Weber" before "Schmidt-Weber")
                     similarity(kyc_search_fold($1), ${NAME_KEY}) AS closeness
                FROM persons p
               WHERE ${NAME_KEY} %> kyc_search_fold($1)
                 AND ($2::date IS NULL OR p.birth_date = $2::date)
            ) s ORDER BY score DESC, closeness DESC, id LIMIT $3`),
      [name, birthDate, limit],
    );
  }
}
