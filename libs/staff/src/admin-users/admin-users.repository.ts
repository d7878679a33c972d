import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListQuery } from '#kyc/common';
import { type FilterColumn, queryPage, type Tx } from '#kyc/database';
import type { StaffRole } from '../access/permissions.js';

/** A staff user as the console shows it: never the password hash or the MFA seed. */
export interface StaffUserRecord {
  id: string;
  email: string;
  display_name: string;
  role: StaffRole;
  status: 'active' | 'disabled';
  mfa_enabled: boolean;
  created_at: Date;
  updated_at: Date;
  last_login_at: Date | null;
}

const SELECT = `SELECT id, email, display_name, role, status, mfa_enabled_at IS NOT NULL AS mfa_enabled,
                       created_at, updated_at, last_login_at FROM staff_users u`;
const FILTERS: Record<string, FilterColumn> = {
  id: { sql: 'u.id::text', op: '=' },
  role: { sql: 'u.role', op: '=' },
  status: { sql: 'u.status', op: '=' },
  q: { sql: `(u.email || ' ' || u.display_name)`, op: 'contains' },
};
const SORTS = {
  created_at: 'u.created_at',
  email: 'lower(u.email)',
  display_name: 'u.display_name',
  role: 'u.role',
};

/** Staff user administration: the list, and changes written in the caller's transaction with their audit. */
@Injectable()
export class AdminUsersRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async list(q: ListQuery): Promise<{ rows: StaffUserRecord[]; total: number }> {
    return queryPage<StaffUserRecord>(
      this.ds,
      { select: SELECT, count: 'SELECT count(*)::int AS total FROM staff_users u' },
      q,
      { filters: FILTERS, sorts: SORTS, tiebreak: 'u.id' },
    );
  }

  async find(id: string, tx?: Tx): Promise<StaffUserRecord | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await (tx ?? this.ds).query<StaffUserRecord[]>(`${SELECT} WHERE u.id = $1 FOR UPDATE`, [
      id,
    ]);
    return row ?? null;
  }

  async countActiveAdmins(tx: Tx): Promise<number> {
    const [{ n }] = await tx.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM staff_users WHERE role = 'admin' AND status = 'active'`,
    );
    return n;
  }

  async update(
    tx: Tx,
    id: string,
    change: Partial<Pick<StaffUserRecord, 'display_name' | 'role' | 'status'>>,
    now: Date,
  ): Promise<void> {
    await tx.query(
      `UPDATE staff_users SET display_name = coalesce($2, display_name), role = coalesce($3, role),
              status = coalesce($4, status), updated_at = $5 WHERE id = $1`,
      [id, change.display_name ?? null, change.role ?? null, change.status ?? null, now],
    );
  }

  async setPassword(tx: Tx, id: string, hash: string, now: Date): Promise<void> {
    await tx.query(
      `UPDATE staff_users SET password_hash = $2, password_changed_at = $3, updated_at = $3 WHERE id = $1`,
      [id, hash, now],
    );
  }

  async resetMfa(tx: Tx, id: string, now: Date): Promise<void> {
    await tx.query(
      `UPDATE staff_users SET mfa_secret_encrypted = NULL, mfa_pending_secret_encrypted = NULL, mfa_enabled_at = NULL,
              mfa_last_step = -1, updated_at = $2 WHERE id = $1`,
      [id, now],
    );
    await tx.query(`DELETE FROM staff_recovery_codes WHERE user_id = $1`, [id]);
  }

  /** End every session of the user (disabled, new password, MFA reset). */
  async revokeSessions(tx: Tx, id: string, now: Date): Promise<void> {
    await tx.query(`UPDATE staff_sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [
      id,
      now,
    ]);
  }
}
