import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two compliance jobs' state. `identifications.case_escalated_at`: when the review SLA job escalated the
 * open case (it counts for the case only while it is not older than `case_opened_at`, so a reopened case
 * starts unescalated). `aml_follow_ups`: the persons whose AML follow-up date is due, as the AML job
 * listed them, until a new date moves them out of the window (`resolved_at`).
 */
export class AddReviewEscalationAndAmlFollowUps1765720000000 implements MigrationInterface {
  name = 'AddReviewEscalationAndAmlFollowUps1765720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identifications ADD COLUMN case_escalated_at timestamptz`);
    // The escalated filter and count of the queue: few rows, in SLA order.
    await q.query(`
      CREATE INDEX identifications_escalated_cases_idx ON identifications (case_due_at, id)
        WHERE case_opened_at IS NOT NULL AND case_escalated_at >= case_opened_at`);
    await q.query(`
      CREATE TABLE aml_follow_ups (
        person_id char(36) PRIMARY KEY REFERENCES persons (id) ON DELETE CASCADE,
        partner_id varchar(64) NOT NULL,
        due_date date NOT NULL,
        first_listed_at timestamptz NOT NULL,
        last_listed_at timestamptz NOT NULL,
        resolved_at timestamptz
      )`);
    // The compliance list: open rows by due date.
    await q.query(
      `CREATE INDEX aml_follow_ups_open_due_idx ON aml_follow_ups (due_date, person_id) WHERE resolved_at IS NULL`,
    );
    // The job reads the persons due by a date; most persons are years away from theirs.
    await q.query(
      `CREATE INDEX persons_aml_follow_up_date_idx ON persons (aml_follow_up_date) WHERE aml_follow_up_date IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX persons_aml_follow_up_date_idx`);
    await q.query(`DROP TABLE aml_follow_ups`);
    await q.query(`DROP INDEX identifications_escalated_cases_idx`);
    await q.query(`ALTER TABLE identifications DROP COLUMN case_escalated_at`);
  }
}
