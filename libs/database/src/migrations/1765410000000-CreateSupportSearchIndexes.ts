import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The support desk's search (libs/support/src/search): exact lookups by btree, names by a trigram index on
 * the folded full name (the stored column persons.search_name). unaccent() is only STABLE (its dictionary could change), so the folding is wrapped in
 * IMMUTABLE functions with the dictionary named, as an index expression requires. Both engines load pg_trgm
 * and unaccent (the embedded one in embedded-engine.ts).
 */
export class CreateSupportSearchIndexes1765410000000 implements MigrationInterface {
  name = 'CreateSupportSearchIndexes1765410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    // ß→ss and ı→i by unaccent; German transliterations (ue, ae, oe) fold like the umlauts they stand for;
    // apostrophes vanish (O'Brien = OBrien) and other punctuation separates words (Schmidt-Weber).
    await q.query(`
      CREATE FUNCTION kyc_search_fold(t text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT btrim(regexp_replace(regexp_replace(regexp_replace(
          lower(public.unaccent('public.unaccent'::regdictionary, translate(t, 'ıİẞ', 'iIS'))),
          '[''’‘´\`]', '', 'g'),
          '([aou])e', '\\1', 'g'),
          '[[:space:][:punct:]‐‑–—]+', ' ', 'g'))
      $$`);
    await q.query(`
      CREATE FUNCTION kyc_person_name_key(first_name text, last_name text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT public.kyc_search_fold(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))
      $$`);
    // One digit form for any way of writing a number: +49…, 0049…, 0151… (German national), "(0)" dropped.
    await q.query(`
      CREATE FUNCTION kyc_phone_key(t text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT CASE
          WHEN d = '' THEN NULL
          WHEN btrim(t) LIKE '+%' THEN d
          WHEN d LIKE '00%' THEN substr(d, 3)
          WHEN d LIKE '0%' THEN '49' || substr(d, 2)
          ELSE d
        END
        FROM (SELECT regexp_replace(replace(t, '(0)', ''), '[^0-9]', '', 'g') AS d) AS digits
      $$`);
    // Stored, so ranking and the index recheck read the folded name instead of folding it again per row.
    await q.query(`
      ALTER TABLE persons ADD COLUMN search_name text
        GENERATED ALWAYS AS (kyc_person_name_key(first_name, last_name)) STORED`);
    await q.query(`CREATE INDEX persons_name_trgm_idx ON persons USING gin (search_name gin_trgm_ops)`);
    // A name with a birth date: a birth date holds a few dozen persons in a million, fewer than most names.
    await q.query(`CREATE INDEX persons_birth_date_idx ON persons (birth_date)`);
    await q.query(`CREATE INDEX persons_email_lower_idx ON persons (lower(email)) WHERE email IS NOT NULL`);
    await q.query(
      `CREATE INDEX persons_phone_key_idx ON persons (kyc_phone_key(mobile_number)) WHERE mobile_number IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX identifications_reference_lower_idx ON identifications (lower(reference)) WHERE reference IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX identifications_reference_lower_idx`);
    await q.query(`DROP INDEX persons_phone_key_idx`);
    await q.query(`DROP INDEX persons_email_lower_idx`);
    await q.query(`DROP INDEX persons_birth_date_idx`);
    await q.query(`DROP INDEX persons_name_trgm_idx`);
    await q.query(`ALTER TABLE persons DROP COLUMN search_name`);
    await q.query(`DROP FUNCTION kyc_phone_key(text)`);
    await q.query(`DROP FUNCTION kyc_person_name_key(text, text)`);
    await q.query(`DROP FUNCTION kyc_search_fold(text)`);
  }
}
