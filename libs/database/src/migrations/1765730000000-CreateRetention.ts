import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Append-only tables whose personal data the retention erasure may overwrite (never identification_events, never audit_events). */
const ERASABLE = ['provider_results', 'person_data_changes', 'case_notes', 'support_notes'];

/**
 * Retention (GwG §8(4), docs/RETENTION.md): the end of the business relationship and the legal hold on the
 * person, the queue of stored files still to delete, and `kyc_retention_erase`, the one way to erase a
 * person's personal data. The append-only tables refuse UPDATE and DELETE (trigger, and no grants for the
 * app role); the function runs as its owner (the migrating role) with `kyc.retention_erasure` set for its
 * own duration only, and the trigger lets exactly that through, on the four tables above. A held person is
 * refused by the function itself.
 */
export class CreateRetention1765730000000 implements MigrationInterface {
  name = 'CreateRetention1765730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE persons
        ADD COLUMN relationship_ended_on date,
        ADD COLUMN relationship_end_reason text,
        ADD COLUMN legal_hold boolean NOT NULL DEFAULT false,
        ADD COLUMN legal_hold_reason text,
        ADD COLUMN legal_hold_reference text,
        ADD COLUMN legal_hold_set_by uuid REFERENCES staff_users(id),
        ADD COLUMN legal_hold_set_at timestamptz,
        ADD COLUMN retention_erased_at timestamptz`);
    // Files of deleted document rows, removed from storage after the erasure commits; a failure retries next run.
    await q.query(`
      CREATE TABLE retention_file_deletions (
        storage_key text PRIMARY KEY,
        queued_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`
      CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND TG_TABLE_NAME IN (${ERASABLE.map((t) => `'${t}'`).join(', ')})
           AND current_setting('kyc.retention_erasure', true) = 'on' THEN
          IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(ERASE_FUNCTION);
    // Only roles granted it may erase (db:grants grants the app role); PUBLIC may not.
    await q.query(`REVOKE ALL ON FUNCTION kyc_retention_erase(char, boolean) FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION kyc_retention_erase(char, boolean)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`DROP TABLE retention_file_deletions`);
    await q.query(`
      ALTER TABLE persons
        DROP COLUMN relationship_ended_on, DROP COLUMN relationship_end_reason, DROP COLUMN legal_hold,
        DROP COLUMN legal_hold_reason, DROP COLUMN legal_hold_reference, DROP COLUMN legal_hold_set_by,
        DROP COLUMN legal_hold_set_at, DROP COLUMN retention_erased_at`);
  }
}

/**
 * Erase one person (`dry` = only count): the counts per table, the same WHERE in both modes, so a dry run
 * shows exactly what a real run changes. Idempotent: every WHERE leaves out what is erased already.
 */
const ERASE_FUNCTION = `
CREATE FUNCTION kyc_retention_erase(p_person char(36), p_dry boolean) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public, pg_temp
  SET kyc.retention_erasure = 'on'
AS $$
DECLARE
  person persons%ROWTYPE;
  idents char(36)[];
  entities text[];
  marker constant jsonb := '{"erased": true}';
  note constant text := '[erased]';
  n integer;
  counts jsonb := '{}';
BEGIN
  IF p_dry THEN
    SELECT * INTO person FROM persons WHERE id = p_person;
  ELSE
    SELECT * INTO person FROM persons WHERE id = p_person FOR UPDATE;
  END IF;
  IF NOT FOUND THEN RAISE EXCEPTION 'no person %', p_person USING ERRCODE = 'no_data_found'; END IF;
  IF person.legal_hold THEN
    RAISE EXCEPTION 'person % is under legal hold', p_person USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT coalesce(array_agg(id), '{}') INTO idents FROM identifications WHERE person_id = p_person;
  entities := array_append(idents::text[], p_person::text);

  n := CASE WHEN person.retention_erased_at IS NULL THEN 1 ELSE 0 END;
  IF NOT p_dry AND n = 1 THEN
    UPDATE person_identity_counts SET n = greatest(person_identity_counts.n - 1, 0)
     WHERE partner_id = person.partner_id
       AND identity = person_identity(person.first_name, person.last_name, person.birth_date, person.birth_city);
    UPDATE persons SET
      salutation = NULL, title = NULL, first_name = NULL, last_name = NULL,
      address_line_1 = NULL, address_line_2 = NULL, address_postal_code = NULL, address_city = NULL,
      address_country = NULL, address_state = NULL,
      contact_address_line_1 = NULL, contact_address_line_2 = NULL, contact_address_postal_code = NULL,
      contact_address_city = NULL, contact_address_country = NULL, contact_address_state = NULL,
      email = NULL, mobile_number = NULL, birth_name = NULL, birth_date = NULL, birth_city = NULL,
      birth_country = NULL, nationality = NULL, employment_status = NULL, job_title = NULL,
      tax_assessment = NULL, marital_status = 'UNKNOWN', fatca_relevant = NULL, fatca_crs_confirmed_at = NULL,
      business_purpose = NULL, industry = NULL, industry_key = NULL, terms_conditions_signed_at = NULL,
      own_economic_interest_signed_at = NULL, aml_follow_up_date = NULL, aml_confirmed_on = NULL,
      expected_monthly_revenue_cents = NULL, vat_number = NULL, website_social_media = NULL,
      business_trading_name = NULL, nace_code = NULL, business_address_line_1 = NULL,
      business_address_line_2 = NULL, business_postal_code = NULL, business_city = NULL,
      business_country = NULL, business_state = NULL, annual_income_range = NULL, data_terms_signed_at = NULL,
      branch = NULL, birth_province = NULL, birth_post_code = NULL, socioprofessional_category = NULL,
      purpose_of_account_opening = NULL, main_income_source = NULL, work_country = NULL, work_province = NULL,
      self_declared_as_pep = NULL, international_operativity_expectation = '[]', registration_number = NULL,
      legitimation_valid_until = NULL, relationship_end_reason = NULL,
      retention_erased_at = now(), version = version + 1
     WHERE id = p_person;
  END IF;
  counts := counts || jsonb_build_object('persons', n);

  IF p_dry THEN
    SELECT count(*) INTO n FROM identifications
     WHERE id = ANY(idents) AND (url IS NOT NULL OR reference IS NOT NULL);
  ELSE
    UPDATE identifications SET url = NULL, reference = NULL
     WHERE id = ANY(idents) AND (url IS NOT NULL OR reference IS NOT NULL);
    GET DIAGNOSTICS n = ROW_COUNT;
  END IF;
  counts := counts || jsonb_build_object('identifications', n);

  IF p_dry THEN
    SELECT count(*) INTO n FROM provider_results WHERE identification_id = ANY(idents) AND payload <> marker;
  ELSE
    UPDATE provider_results SET payload = marker WHERE identification_id = ANY(idents) AND payload <> marker;
    GET DIAGNOSTICS n = ROW_COUNT;
  END IF;
  counts := counts || jsonb_build_object('provider_results', n);

  IF p_dry THEN
    SELECT count(*) INTO n FROM provider_callbacks
     WHERE transaction_number = ANY(idents::text[]) AND processed_at IS NOT NULL AND body <> marker;
  ELSE
    UPDATE provider_callbacks SET body = marker
     WHERE transaction_number = ANY(idents::text[]) AND processed_at IS NOT NULL AND body <> marker;
    GET DIAGNOSTICS n = ROW_COUNT;
  END IF;
  counts := counts || jsonb_build_object('provider_callbacks', n);

  IF p_dry THEN
    SELECT count(*) INTO n FROM person_data_changes
     WHERE person_id = p_person AND (old_value IS NOT NULL OR new_value IS NOT NULL);
  ELSE
    UPDATE person_data_changes SET old_value = NULL, new_value = NULL
     WHERE person_id = p_person AND (old_value IS NOT NULL OR new_value IS NOT NULL);
    GET DIAGNOSTICS n = ROW_COUNT;
  END IF;
  counts := counts || jsonb_build_object('person_data_changes', n);

  IF p_dry THEN
    SELECT count(*) INTO n FROM documents WHERE person_id = p_person;
  ELSE
    WITH gone AS (DELETE FROM documents WHERE person_id = p_person RETURNING storage_key),
         queued AS (INSERT INTO retention_file_deletions (storage_key, queued_at)
                    SELECT storage_key, now() FROM gone ON CONFLICT (storage_key) DO NOTHING)
    SELECT count(*) INTO n FROM gone;
  END IF;
  counts := counts || jsonb_build_object('documents', n);

  IF p_dry THEN
    SELECT count(*) INTO n FROM case_notes WHERE identification_id = ANY(idents) AND body <> note;
  ELSE
    UPDATE case_notes SET body = note WHERE identification_id = ANY(idents) AND body <> note;
    GET DIAGNOSTICS n = ROW_COUNT;
  END IF;
  counts := counts || jsonb_build_object('case_notes', n);

  IF p_dry THEN
    SELECT count(*) INTO n FROM review_proposals WHERE identification_id = ANY(idents) AND justification <> note;
  ELSE
    UPDATE review_proposals SET justification = note WHERE identification_id = ANY(idents) AND justification <> note;
    GET DIAGNOSTICS n = ROW_COUNT;
  END IF;
  counts := counts || jsonb_build_object('review_proposals', n);

  IF p_dry THEN
    SELECT count(*) INTO n FROM support_notes WHERE person_id = p_person AND body <> note;
  ELSE
    UPDATE support_notes SET body = note WHERE person_id = p_person AND body <> note;
    GET DIAGNOSTICS n = ROW_COUNT;
  END IF;
  counts := counts || jsonb_build_object('support_notes', n);

  IF p_dry THEN
    SELECT count(*) INTO n FROM domain_events WHERE entity_id = ANY(entities) AND payload <> marker;
  ELSE
    UPDATE domain_events SET payload = marker WHERE entity_id = ANY(entities) AND payload <> marker;
    GET DIAGNOSTICS n = ROW_COUNT;
  END IF;
  counts := counts || jsonb_build_object('domain_events', n);

  RETURN counts;
END $$`;
