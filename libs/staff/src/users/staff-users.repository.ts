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
}

const COLUMNS = 'id, email, display_name, role, status, password_hash, created_at';

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
}
