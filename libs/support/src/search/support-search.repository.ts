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

/** Lowest trigram word similarity of a typed word to a name word ("schmitd" → "schmidt" is 0.63). */
const WORD_THRESHOLD = 0.5;
/** The most similar dictionary words kept per typed word when two are paired (their pairs are looked up). */
const MAX_ALIKE = 25;

/**
 * For the rest of the search's transaction: the trigram threshold, and no JIT compilation. The planner's
 * row guesses for the typed words are generous, and PostgreSQL's default JIT would spend a second compiling
 * a plan that runs in milliseconds (seen at a million persons: 1,000 ms instead of 10).
 */
async function nameSearchSettings(tx: Tx, threshold: number): Promise<void> {
  await tx.query(
    `SELECT set_config('pg_trgm.word_similarity_threshold', $1, true), set_config('jit', 'off', true)`,
    [String(threshold)],
  );
}

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
   * Fuzzy and accent-free, without a birth date (see the migration CreatePersonNameWords). Each typed word
   * of two letters or more is looked up in the dictionary of folded name words by trigram word similarity;
   * a person matches when every typed word has a similar word in their name. The score is the mean of the
   * best similarity per typed word; among equals the shorter name ranks first ("Weber" before
   * "Schmidt-Weber"). Only the narrow postings index is read:
   * - one typed word: the shortest names of each similar word, top-k, however common the word;
   * - several: the pairs of similar words of two typed words (primary-key lookups of the pair postings),
   *   then any further typed word checked on those persons.
   */
  async byNameUnscoped(tx: Tx, name: string, birthDate: string | null, limit: number): Promise<SearchHit[]> {
    if (birthDate) return this.byNameAndBirthDateUnscoped(tx, name, birthDate, limit);
    await nameSearchSettings(tx, WORD_THRESHOLD);
    const rows = await tx.query<{ typed: string; word: string | null; s: number }[]>(
      `WITH words AS (SELECT kyc_name_words(kyc_search_fold($1)) AS w),
            typed AS (SELECT w FROM words
                       WHERE length(w) >= 2 OR NOT EXISTS (SELECT 1 FROM words WHERE length(w) >= 2))
       SELECT t.w AS typed, d.word, word_similarity(t.w, d.word)::real AS s
         FROM typed t LEFT JOIN name_words d ON t.w <% d.word
        ORDER BY t.w, s DESC, d.word`,
      [name],
    );
    const typed = [...new Set(rows.map((r) => r.typed))];
    // A typed word like no name word: nobody matches every typed word.
    if (!typed.length || rows.some((r) => r.word === null)) return [];
    const alike = rows as { typed: string; word: string; s: number }[];
    const wordsOf = (t: string) => alike.filter((a) => a.typed === t);
    if (typed.length === 1) return this.topOfOneWord(tx, wordsOf(typed[0]), limit);
    // Two typed words (those with the fewest similar words) through the pair postings; any further typed
    // word is checked on each candidate by a primary-key probe of the word postings.
    const [first, second, ...others] = typed.sort((a, b) => wordsOf(a).length - wordsOf(b).length);
    const a = wordsOf(first).slice(0, MAX_ALIKE);
    const b = wordsOf(second).slice(0, MAX_ALIKE);
    const rest = others.flatMap((t, k) => wordsOf(t).map((w) => ({ k, word: w.word, s: w.s })));
    return tx.query(
      hits(`WITH pairs AS (SELECT least(a.word, b.word) || ' ' || greatest(a.word, b.word) AS pair, a.s + b.s AS s
                             FROM unnest($1::text[], $2::real[]) AS a (word, s)
                            CROSS JOIN unnest($3::text[], $4::real[]) AS b (word, s)
                            WHERE a.word <> b.word),
                 -- A primary-key lookup per pair (OFFSET 0 keeps the planner from a hash join that
                 -- would read the whole pair index when it overestimates the pairs).
                 c AS (SELECT pp.person_id AS id, max(p.s) AS s, min(pp.name_length) AS len
                         FROM pairs p CROSS JOIN LATERAL (
                           SELECT person_id, name_length FROM person_name_pairs
                            WHERE pair = p.pair OFFSET 0) pp
                        GROUP BY pp.person_id),
                 -- Further typed words: a primary-key probe per candidate and similar word.
                 o AS (SELECT r.k, c.id, max(r.s) AS s
                         FROM c CROSS JOIN unnest($5::int[], $6::text[], $7::real[]) AS r (k, word, s)
                        WHERE EXISTS (SELECT 1 FROM person_name_words pw
                                       WHERE pw.word = r.word AND pw.name_length = c.len AND pw.person_id = c.id)
                        GROUP BY r.k, c.id)
            SELECT c.id, ((c.s + coalesce(sum(o.s), 0)) / ${typed.length})::real AS score,
                   (-c.len)::real AS closeness
              FROM c LEFT JOIN o ON o.id = c.id
             GROUP BY c.id, c.s, c.len HAVING count(o.k) = ${others.length}
             ORDER BY score DESC, closeness DESC, c.id LIMIT $8`),
      [
        a.map((w) => w.word),
        a.map((w) => w.s),
        b.map((w) => w.word),
        b.map((w) => w.s),
        rest.map((r) => r.k),
        rest.map((r) => r.word),
        rest.map((r) => r.s),
        limit,
      ],
    );
  }

  /** One typed word: for each similar word its shortest names (top-k by the postings index), then the best. */
  private topOfOneWord(tx: Tx, alike: { word: string; s: number }[], limit: number): Promise<SearchHit[]> {
    return tx.query(
      hits(`SELECT pw.person_id AS id, max(a.s)::real AS score, (-min(pw.name_length))::real AS closeness
              FROM unnest($1::text[], $2::real[]) AS a (word, s)
              CROSS JOIN LATERAL (
                SELECT person_id, name_length FROM person_name_words
                 WHERE word = a.word ORDER BY name_length, person_id LIMIT $3) pw
             GROUP BY pw.person_id
             ORDER BY score DESC, closeness DESC, id LIMIT $3`),
      [alike.map((a) => a.word), alike.map((a) => a.s), limit],
    );
  }

  /**
   * A name with a birth date: the birth date's few dozen persons (its btree index), ranked by the trigram
   * word similarity of the folded query to the folded full name.
   */
  private async byNameAndBirthDateUnscoped(
    tx: Tx,
    name: string,
    birthDate: string,
    limit: number,
  ): Promise<SearchHit[]> {
    await nameSearchSettings(tx, nameThreshold(name));
    return tx.query(
      hits(`SELECT id, score, closeness FROM (
              SELECT p.id, word_similarity(kyc_search_fold($1), p.search_name) AS score,
                     similarity(kyc_search_fold($1), p.search_name) AS closeness
                FROM persons p
               WHERE p.birth_date = $2::date AND p.search_name %> kyc_search_fold($1)
            ) s ORDER BY score DESC, closeness DESC, id LIMIT $3`),
      [name, birthDate, limit],
    );
  }
}
