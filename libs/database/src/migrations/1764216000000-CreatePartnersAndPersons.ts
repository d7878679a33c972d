import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePartnersAndPersons1764216000000 implements MigrationInterface {
  name = 'CreatePartnersAndPersons1764216000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partners (
        id varchar(64) PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE partner_clients (
        client_id varchar(64) PRIMARY KEY,
        partner_id varchar(64) NOT NULL REFERENCES partners(id),
        secret_hash text NOT NULL,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        secret_rotated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX partner_clients_partner_idx ON partner_clients (partner_id)`);
    await q.query(`
      CREATE TABLE access_tokens (
        token_hash char(64) PRIMARY KEY,
        client_id varchar(64) NOT NULL REFERENCES partner_clients(client_id) ON DELETE CASCADE,
        partner_id varchar(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX access_tokens_expires_idx ON access_tokens (expires_at)`);
    await q.query(`
      CREATE TABLE persons (
        id char(36) PRIMARY KEY,
        partner_id varchar(64) NOT NULL REFERENCES partners(id),
        salutation text,
        title text,
        first_name text,
        last_name text,
        address_line_1 text, address_line_2 text, address_postal_code text, address_city text,
        address_country char(2), address_state text,
        contact_address_line_1 text, contact_address_line_2 text, contact_address_postal_code text,
        contact_address_city text, contact_address_country char(2), contact_address_state text,
        email text,
        mobile_number text,
        birth_name text,
        birth_date date,
        birth_city text,
        birth_country char(2),
        nationality char(2),
        employment_status text,
        job_title text,
        tax_assessment text,
        marital_status text NOT NULL DEFAULT 'UNKNOWN',
        fatca_relevant boolean,
        fatca_crs_confirmed_at timestamptz,
        business_purpose text,
        industry text,
        industry_key text,
        terms_conditions_signed_at timestamptz,
        own_economic_interest_signed_at timestamptz,
        aml_follow_up_date date,
        aml_confirmed_on date,
        flagged_by_compliance boolean NOT NULL DEFAULT false,
        expected_monthly_revenue_cents bigint,
        vat_number text,
        website_social_media text,
        business_trading_name text,
        nace_code text,
        business_address_line_1 text, business_address_line_2 text, business_postal_code text,
        business_city text, business_country char(2), business_state text,
        screening_progress text NOT NULL DEFAULT 'NOT_SCREENED',
        risk_classification_status text NOT NULL DEFAULT 'NOT_SCORED',
        customer_vetting_status text NOT NULL DEFAULT 'NOT_VETTED',
        annual_income_range text,
        data_terms_signed_at timestamptz,
        branch text,
        birth_province text,
        birth_post_code text,
        socioprofessional_category text,
        purpose_of_account_opening text,
        main_income_source text,
        work_country char(2),
        work_province text,
        self_declared_as_pep boolean,
        international_operativity_expectation jsonb NOT NULL DEFAULT '[]',
        registration_number text,
        legitimation_valid_until date,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX persons_partner_created_idx ON persons (partner_id, created_at)`);
    // Serves the sandbox's "more than 1000 identical persons" rule.
    await q.query(
      `CREATE INDEX persons_identity_idx ON persons (partner_id, first_name, last_name, birth_date, birth_city)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE persons`);
    await q.query(`DROP TABLE access_tokens`);
    await q.query(`DROP TABLE partner_clients`);
    await q.query(`DROP TABLE partners`);
  }
}
