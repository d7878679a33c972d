import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counts identical persons per partner (first name, last name, birth date, birth city) for the sandbox's
 * limit, kept by a trigger so every insert counts, whatever path it takes.
 */
export class CreatePersonIdentityCounts1764500000000 implements MigrationInterface {
  name = 'CreatePersonIdentityCounts1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION person_identity(first_name text, last_name text, birth_date date, birth_city text)
      RETURNS char(64) IMMUTABLE LANGUAGE sql AS $$
        SELECT encode(sha256(convert_to(concat_ws(chr(31), coalesce(first_name, ''), coalesce(last_name, ''),
               coalesce(birth_date::text, ''), coalesce(birth_city, '')), 'UTF8')), 'hex')
      $$`);
    await q.query(`
      CREATE TABLE person_identity_counts (
        partner_id varchar(64) NOT NULL,
        identity char(64) NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (partner_id, identity)
      )`);
    await q.query(`
      INSERT INTO person_identity_counts (partner_id, identity, n)
      SELECT partner_id, person_identity(first_name, last_name, birth_date, birth_city), count(*)
        FROM persons GROUP BY 1, 2`);
    await q.query(`
      CREATE FUNCTION count_person_identity() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO person_identity_counts (partner_id, identity, n)
        VALUES (NEW.partner_id, person_identity(NEW.first_name, NEW.last_name, NEW.birth_date, NEW.birth_city), 1)
        ON CONFLICT (partner_id, identity) DO UPDATE SET n = person_identity_counts.n + 1;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER persons_count_identity AFTER INSERT ON persons
                   FOR EACH ROW EXECUTE FUNCTION count_person_identity()`);
    await q.query(`DROP INDEX persons_identity_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX persons_identity_idx ON persons (partner_id, first_name, last_name, birth_date, birth_city)`,
    );
    await q.query(`DROP TRIGGER persons_count_identity ON persons`);
    await q.query(`DROP FUNCTION count_person_identity()`);
    await q.query(`DROP TABLE person_identity_counts`);
    await q.query(`DROP FUNCTION person_identity(text, text, date, text)`);
  }
}
