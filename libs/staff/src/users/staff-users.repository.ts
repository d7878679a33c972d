import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Tx } from '#kyc/database';
import type { StaffRole } from '../access/permissions.js';

export interface StaffUserRow {
  id: string;
  email: string;
  display_name: string;
  role: StaffRole;
  status: 'active' | 'disabled';
  password_hash: string;
  created_at: Date;
  mfa_secret_encrypted: string | null;
  mfa_pending_secret_encrypted: string | null;
  mfa_enabled_at: Date | null;
  mfa_last_step: string;
}

const COLUMNS = `id, email, display_name, role, status, password_hash, created_at,
  mfa_secret_encrypted, mfa_pending_secret_encrypted, mfa_enabled_at, mfa_last_step`;

/** Console staff. Staff are not tenant-scoped: they work across partners by role. */
@Injectable()
export class StaffUsersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async findByEmail(email: string): Promise<StaffUserRow | null> {
    const [row] = await this.ds.query<StaffUserRow[]>(
      `SELECT ${COLUMNS} FROM staff_users WHERE lower(email) = lower($1)`,
      [email],
    );
    return row ?? null;
  }

  async findById(id: string, tx?: Tx): Promise<StaffUserRow | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await (tx ?? this.ds).query<StaffUserRow[]>(
      `SELECT ${COLUMNS} FROM staff_users WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Emails of staff users by id, for showing who acted. */
  async emailsByIds(ids: string[]): Promise<Map<string, string>> {
    const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (!valid.length) return new Map();
    const rows = await this.ds.query<{ id: string; email: string }[]>(
      `SELECT id::text AS id, email FROM staff_users WHERE id = ANY($1::uuid[])`,
      [valid],
    );
    return new Map(rows.map((r) => [r.id, r.email]));
  }

  async count(): Promise<number> {
    const [{ n }] = await this.ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM staff_users`);
    return n;
  }

  /** Insert unless the email exists; answers the new row, or null on a duplicate email. */
  async insert(
    row: Pick<StaffUserRow, 'email' | 'display_name' | 'role' | 'password_hash'>,
    tx?: Tx,
  ): Promise<StaffUserRow | null> {
    const [created] = await (tx ?? this.ds).query<StaffUserRow[]>(
      `INSERT INTO staff_users (email, display_name, role, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (lower(email)) DO NOTHING RETURNING ${COLUMNS}`,
      [row.email, row.display_name, row.role, row.password_hash],
    );
    return created ?? null;
  }

  async recordLogin(id: string, now: Date): Promise<void> {
    await this.ds.query(`UPDATE staff_users SET last_login_at = $2 WHERE id = $1`, [id, now]);
  }

  async setPendingMfaSecret(id: string, sealed: string): Promise<void> {
    await this.ds.query(`UPDATE staff_users SET mfa_pending_secret_encrypted = $2 WHERE id = $1`, [
      id,
      sealed,
    ]);
  }

  /** Turn the pending seed into the active one, with fresh recovery codes (digests), in one transaction. */
  async enableMfa(id: string, step: number, recoveryHashes: string[], now: Date): Promise<void> {
    await this.ds.transaction(async (tx) => {
      await tx.query(
        `UPDATE staff_users SET mfa_secret_encrypted = mfa_pending_secret_encrypted, mfa_pending_secret_encrypted = NULL,
                mfa_enabled_at = $2, mfa_last_step = $3, updated_at = $2 WHERE id = $1`,
        [id, now, step],
      );
      await tx.query(`DELETE FROM staff_recovery_codes WHERE user_id = $1`, [id]);
      await tx.query(`INSERT INTO staff_recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])`, [
        id,
        recoveryHashes,
      ]);
    });
  }

  /** Advance the last used TOTP step; false when another login used this step (or a later one) first. */
  async useTotpStep(id: string, step: number): Promise<boolean> {
    const [rows] = await this.ds.query<[unknown[], number]>(
      `UPDATE staff_users SET mfa_last_step = $2 WHERE id = $1 AND mfa_last_step < $2 RETURNING 1`,
      [id, step],
    );
    return rows.length > 0;
  }

  /** Spend a recovery code; false when it is unknown or spent. */
  async useRecoveryCode(id: string, codeHash: string, now: Date): Promise<boolean> {
    const [rows] = await this.ds.query<[unknown[], number]>(
      `UPDATE staff_recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING 1`,
      [id, codeHash, now],
    );
    return rows.length > 0;
  }
}
