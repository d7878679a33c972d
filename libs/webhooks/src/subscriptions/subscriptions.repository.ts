import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface SubscriptionRow {
  id: string;
  partner_id: string;
  event_type: string;
  url: string;
  created_at: Date;
}

const COLUMNS = 'id, partner_id, event_type, url, created_at';

/** Webhook subscriptions; every method is scoped to a partner. Deleted ones are invisible. */
@Injectable()
export class SubscriptionsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(
    row: Omit<SubscriptionRow, 'created_at'> & { secretEncrypted: string },
  ): Promise<SubscriptionRow> {
    const [created] = await this.ds.query<SubscriptionRow[]>(
      `INSERT INTO webhook_subscriptions (id, partner_id, event_type, url, secret_encrypted)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [row.id, row.partner_id, row.event_type, row.url, row.secretEncrypted],
    );
    return created;
  }

  async findById(partnerId: string, id: string): Promise<SubscriptionRow | null> {
    const [row] = await this.ds.query<SubscriptionRow[]>(
      `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE partner_id = $1 AND id = $2 AND deleted_at IS NULL`,
      [partnerId, id],
    );
    return row ?? null;
  }

  list(partnerId: string, offset: number, limit: number): Promise<SubscriptionRow[]> {
    return this.ds.query<SubscriptionRow[]>(
      `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE partner_id = $1 AND deleted_at IS NULL
        ORDER BY created_at, id OFFSET $2 LIMIT $3`,
      [partnerId, offset, limit],
    );
  }

  /** Soft delete; its pending deliveries are canceled in the same transaction. False when not found. */
  async softDelete(partnerId: string, id: string, now: Date): Promise<boolean> {
    return this.ds.transaction(async (tx) => {
      const [rows] = await tx.query<[{ id: string }[], number]>(
        `UPDATE webhook_subscriptions SET deleted_at = $3
          WHERE partner_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING id`,
        [partnerId, id, now],
      );
      if (!rows.length) return false;
      await tx.query(
        `UPDATE webhook_deliveries SET status = 'canceled', lease_expires_at = NULL
          WHERE subscription_id = $1 AND status = 'pending'`,
        [id],
      );
      return true;
    });
  }
}
