import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A received callback not processed this long after it arrived is stuck (the processor retries in seconds). */
export const CALLBACK_STUCK_MS = 10 * 60_000;

export interface StuckCallback {
  callback_id: string;
  transaction_number: string;
  received_at: string;
  attempts: number;
}

/** Received provider callbacks still unprocessed: how many, and the oldest `cap` (ids only, never the body). */
@Injectable()
export class CallbackBacklog {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async unprocessed(at: Date, cap: number): Promise<{ total: number; items: StuckCallback[] }> {
    const rows = await this.ds.query<
      { total: number; id: string; transaction_number: string; received_at: Date; attempts: number }[]
    >(
      `SELECT count(*) OVER ()::int AS total, id, transaction_number, received_at, attempts
         FROM provider_callbacks WHERE processed_at IS NULL AND received_at <= $1
        ORDER BY received_at, id LIMIT $2`,
      [new Date(at.getTime() - CALLBACK_STUCK_MS), cap],
    );
    return {
      total: rows[0]?.total ?? 0,
      items: rows.map((r) => ({
        callback_id: String(r.id),
        transaction_number: r.transaction_number,
        received_at: new Date(r.received_at).toISOString(),
        attempts: r.attempts,
      })),
    };
  }
}

/** The callback backlog on its own, for reports (no intake, no processor). */
@Module({ providers: [CallbackBacklog], exports: [CallbackBacklog] })
export class CallbackBacklogModule {}
