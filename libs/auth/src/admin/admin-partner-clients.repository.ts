import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ListQuery } from '#kyc/common';
import { type FilterColumn, queryPage, type Tx } from '#kyc/database';

/** A partner API client as staff see it: never the secret's hash. */
export interface PartnerClientRecord {
  id: string;
  partner_id: string;
  partner_name: string;
  status: 'active' | 'disabled';
  created_at: Date;
  secret_rotated_at: Date;
  last_used_at: Date | null;
}

const STATUS = `CASE WHEN c.disabled_at IS NULL THEN 'active' ELSE 'disabled' END`;
const SELECT = `SELECT c.client_id AS id, c.partner_id, p.name AS partner_name, ${STATUS} AS status, c.created_at,
                       c.secret_rotated_at, c.last_used_at
                  FROM partner_clients c JOIN partners p ON p.id = c.partner_id`;
const FILTERS: Record<string, FilterColumn> = {
  id: { sql: 'c.client_id', op: '=' },
  partner_id: { sql: 'c.partner_id', op: '=' },
  status: { sql: STATUS, op: '=' },
  q: { sql: `(c.client_id || ' ' || p.name)`, op: 'contains' },
};
const SORTS = { created_at: 'c.created_at', partner_id: 'c.partner_id' };

/** Partner clients across all partners, for admins. Every read here is deliberately unscoped. */
@Injectable()
export class AdminPartnerClientsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  async list(q: ListQuery): Promise<{ rows: PartnerClientRecord[]; total: number }> {
    return queryPage<PartnerClientRecord>(
      this.ds,
      {
        select: SELECT,
        count: 'SELECT count(*)::int AS total FROM partner_clients c JOIN partners p ON p.id = c.partner_id',
      },
      q,
      { filters: FILTERS, sorts: SORTS, tiebreak: 'c.client_id' },
    );
  }

  async findUnscoped(clientId: string, tx?: Tx): Promise<PartnerClientRecord | null> {
    const [row] = await (tx ?? this.ds).query<PartnerClientRecord[]>(`${SELECT} WHERE c.client_id = $1`, [
      clientId,
    ]);
    return row ?? null;
  }

  async insert(
    tx: Tx,
    partner: { id: string; name: string },
    clientId: string,
    secretHash: string,
  ): Promise<void> {
    await tx.query(`INSERT INTO partners (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`, [
      partner.id,
      partner.name,
    ]);
    await tx.query(`INSERT INTO partner_clients (client_id, partner_id, secret_hash) VALUES ($1, $2, $3)`, [
      clientId,
      partner.id,
      secretHash,
    ]);
  }

  async partnerName(id: string): Promise<string | null> {
    const [row] = await this.ds.query<{ name: string }[]>(`SELECT name FROM partners WHERE id = $1`, [id]);
    return row?.name ?? null;
  }

  /** A new secret hash; the client's tokens are revoked with the old secret. */
  async rotate(tx: Tx, clientId: string, secretHash: string, now: Date): Promise<void> {
    await tx.query(
      `UPDATE partner_clients SET secret_hash = $2, secret_rotated_at = $3 WHERE client_id = $1`,
      [clientId, secretHash, now],
    );
    await tx.query(`DELETE FROM access_tokens WHERE client_id = $1`, [clientId]);
  }

  async setStatus(tx: Tx, clientId: string, status: 'active' | 'disabled', now: Date): Promise<void> {
    await tx.query(`UPDATE partner_clients SET disabled_at = $2 WHERE client_id = $1`, [
      clientId,
      status === 'disabled' ? now : null,
    ]);
    if (status === 'disabled') await tx.query(`DELETE FROM access_tokens WHERE client_id = $1`, [clientId]);
  }
}
