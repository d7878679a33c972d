import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { StaffRole } from '../access/permissions.js';

/** A live session joined with its user, as the guard needs it. */
export interface SessionRow {
  id: string;
  user_id: string;
  csrf_hash: string;
  last_seen_at: Date;
  expires_at: Date;
  role: StaffRole;
  display_name: string;
  email: string;
  mfa_enabled: boolean;
}

/** Sessions are stored by the SHA-256 of their token; revoked and expired ones are never answered. */
@Injectable()
export class StaffSessionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(s: {
    id: string;
    userId: string;
    csrfHash: string;
    now: Date;
    expiresAt: Date;
    ip: string;
  }): Promise<void> {
    await this.ds.query(
      `INSERT INTO staff_sessions (id, user_id, csrf_hash, created_at, last_seen_at, expires_at, ip)
       VALUES ($1, $2, $3, $4, $4, $5, $6)`,
      [s.id, s.userId, s.csrfHash, s.now, s.expiresAt, s.ip],
    );
  }

  /** The session if it is unrevoked, inside its absolute lifetime, and its user is active. */
  async findLive(id: string, now: Date): Promise<SessionRow | null> {
    const [row] = await this.ds.query<SessionRow[]>(
      `SELECT s.id, s.user_id, s.csrf_hash, s.last_seen_at, s.expires_at, u.role, u.display_name, u.email,
              u.mfa_enabled_at IS NOT NULL AS mfa_enabled
         FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.status = 'active'`,
      [id, now],
    );
    return row ?? null;
  }

  async touch(id: string, now: Date): Promise<void> {
    await this.ds.query(`UPDATE staff_sessions SET last_seen_at = $2 WHERE id = $1`, [id, now]);
  }

  /** Answers whether a live session was revoked. */
  async revoke(id: string, now: Date): Promise<boolean> {
    // An UPDATE answers [rows, affected count] through TypeORM's pg driver.
    const [rows] = await this.ds.query<[unknown[], number]>(
      `UPDATE staff_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING 1`,
      [id, now],
    );
    return rows.length > 0;
  }
}
