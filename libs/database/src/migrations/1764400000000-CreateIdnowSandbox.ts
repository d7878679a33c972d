import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The built-in IDnow sandbox's identifications: start data, scenario, web-flow progress, result, schedule. */
export class CreateIdnowSandbox1764400000000 implements MigrationInterface {
  name = 'CreateIdnowSandbox1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sandbox_idnow_identifications (
        company_id varchar(64) NOT NULL,
        transaction_number varchar(255) NOT NULL,
        ident_id varchar(16) NOT NULL,
        scenario text NOT NULL,
        mode text NOT NULL,
        start_data jsonb NOT NULL,
        language char(2) NOT NULL,
        stage text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        mobile_number text,
        code_attempts integer NOT NULL DEFAULT 0,
        call_ended_at timestamptz,
        result_code text,
        result jsonb,
        steps jsonb NOT NULL DEFAULT '[]',
        next_due_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (company_id, transaction_number)
      )`);
    // The scheduler's claim: only rows with a step still to play.
    await q.query(
      `CREATE INDEX sandbox_idnow_identifications_due_idx ON sandbox_idnow_identifications (next_due_at)
         WHERE next_due_at IS NOT NULL`,
    );
    // IDnow's lists (successful, pending, aborted, cancelled) per company.
    await q.query(
      `CREATE INDEX sandbox_idnow_identifications_result_idx
         ON sandbox_idnow_identifications (company_id, result_code, updated_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sandbox_idnow_identifications`);
  }
}
