import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The support desk's fuzzy name search at a million persons (libs/support/src/search). A trigram index on
 * the whole folded name leaves thousands of rows to recheck for a common surname, each a read of the wide
 * `persons` heap. Instead:
 * - `name_words` is the dictionary of distinct folded name words (tens of thousands, not millions): the
 *   trigram index finds the words like the one typed in a few milliseconds;
 * - `person_name_words` posts each word to its persons, with the folded name's length (shorter names rank
 *   first among equal matches), so matching and ranking read only this narrow index;
 * - `person_name_pairs` posts every two words of a name the same way, so a first and last name typed
 *   together are a few lookups of their similar-word pairs, not a join of two long posting lists.
 * A trigger keeps them in step with `persons.search_name`; a deleted person's postings go with it. Words
 * no person holds any more stay in the dictionary (they post to nobody), which spares a hot counter row.
 */
export class CreatePersonNameWords1765600000000 implements MigrationInterface {
  name = 'CreatePersonNameWords1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE name_words (word text PRIMARY KEY)`);
    await q.query(`CREATE INDEX name_words_trgm_idx ON name_words USING gin (word gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE person_name_words (
        word text NOT NULL,
        name_length smallint NOT NULL,
        person_id char(36) NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
        PRIMARY KEY (word, name_length, person_id)
      )`);
    await q.query(`CREATE INDEX person_name_words_person_idx ON person_name_words (person_id)`);
    // Every two words of a name, in order ("hans muller"): a typed first and last name is a handful of
    // primary-key lookups, however common each word is on its own.
    await q.query(`
      CREATE TABLE person_name_pairs (
        pair text NOT NULL,
        name_length smallint NOT NULL,
        person_id char(36) NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
        PRIMARY KEY (pair, name_length, person_id)
      )`);
    await q.query(`CREATE INDEX person_name_pairs_person_idx ON person_name_pairs (person_id)`);
    // The words of one folded name: split on the single spaces kyc_search_fold leaves.
    await q.query(`
      CREATE FUNCTION kyc_name_words(search_name text) RETURNS SETOF text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT DISTINCT w FROM unnest(string_to_array(search_name, ' ')) AS w WHERE w <> ''
      $$ ROWS 3`);
    await q.query(`
      CREATE FUNCTION kyc_name_pairs(search_name text) RETURNS SETOF text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
        SELECT a.w || ' ' || b.w FROM kyc_name_words(search_name) AS a (w)
          JOIN kyc_name_words(search_name) AS b (w) ON a.w < b.w
      $$ ROWS 3`);
    await q.query(`
      CREATE FUNCTION kyc_index_person_name() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.search_name IS NOT DISTINCT FROM OLD.search_name THEN RETURN NULL; END IF;
          DELETE FROM person_name_words WHERE person_id = NEW.id;
          DELETE FROM person_name_pairs WHERE person_id = NEW.id;
        END IF;
        IF NEW.search_name IS NOT NULL THEN
          INSERT INTO name_words (word) SELECT kyc_name_words(NEW.search_name) ON CONFLICT DO NOTHING;
          INSERT INTO person_name_words (word, name_length, person_id)
            SELECT w, least(length(NEW.search_name), 32767), NEW.id FROM kyc_name_words(NEW.search_name) AS w;
          INSERT INTO person_name_pairs (pair, name_length, person_id)
            SELECT p, least(length(NEW.search_name), 32767), NEW.id FROM kyc_name_pairs(NEW.search_name) AS p;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER persons_index_name AFTER INSERT OR UPDATE OF first_name, last_name ON persons
        FOR EACH ROW EXECUTE FUNCTION kyc_index_person_name()`);
    // Set-based, for the persons already there (and for bulk loads that bypass the trigger).
    await q.query(`
      CREATE FUNCTION kyc_index_all_person_names() RETURNS void LANGUAGE sql AS $$
        INSERT INTO name_words (word)
          SELECT DISTINCT w FROM persons, kyc_name_words(search_name) AS w ON CONFLICT DO NOTHING;
        INSERT INTO person_name_words (word, name_length, person_id)
          SELECT w, least(length(search_name), 32767), id FROM persons, kyc_name_words(search_name) AS w
          ON CONFLICT DO NOTHING;
        INSERT INTO person_name_pairs (pair, name_length, person_id)
          SELECT p, least(length(search_name), 32767), id FROM persons, kyc_name_pairs(search_name) AS p
          ON CONFLICT DO NOTHING;
      $$`);
    await q.query(`SELECT kyc_index_all_person_names()`);
    // The whole-name trigram index answered the old search; a name with a birth date goes by the birth date.
    await q.query(`DROP INDEX persons_name_trgm_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX persons_name_trgm_idx ON persons USING gin (search_name gin_trgm_ops)`);
    await q.query(`DROP TRIGGER persons_index_name ON persons`);
    await q.query(`DROP FUNCTION kyc_index_all_person_names()`);
    await q.query(`DROP FUNCTION kyc_index_person_name()`);
    await q.query(`DROP FUNCTION kyc_name_pairs(text)`);
    await q.query(`DROP FUNCTION kyc_name_words(text)`);
    await q.query(`DROP TABLE person_name_pairs`);
    await q.query(`DROP TABLE person_name_words`);
    await q.query(`DROP TABLE name_words`);
  }
}
