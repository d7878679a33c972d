import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * What happened to an identification, read for the case page: its own timeline, the provider's raw
 * results, and the person data it changed. Read-only; the review's writes live in ReviewRepository.
 */
@Injectable()
export class CaseHistoryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The identification's own history: status events, provider results and callbacks, notes, proposals. */
  async ownTimeline(id: string): Promise<
    {
      at: Date;
      kind: string;
      actor: string | null;
      summary: string;
      ref: string | null;
      detail: Record<string, unknown>;
    }[]
  > {
    return this.ds.query(
      `SELECT e.created_at AS at, 'status_' || e.kind AS kind, e.actor || coalesce(':' || e.actor_id, '') AS actor,
              coalesce(e.from_status, '–') || ' → ' || e.to_status AS summary,
              CASE WHEN e.provider_result_id IS NULL THEN NULL ELSE e.provider_result_id::text END AS ref,
              jsonb_build_object('reason_code', e.reason_code) AS detail
         FROM identification_events e WHERE e.identification_id = $1
       UNION ALL
       SELECT r.received_at, 'provider_result', 'provider:' || r.provider, r.result, r.id::text,
              jsonb_build_object('source', r.source)
         FROM provider_results r WHERE r.identification_id = $1
       UNION ALL
       SELECT c.received_at, 'provider_callback', 'provider:' || c.provider, coalesce(c.outcome, 'not processed yet'),
              NULL, jsonb_build_object('attempts', c.attempts, 'processed_at', c.processed_at)
         FROM provider_callbacks c WHERE c.transaction_number = $1
       UNION ALL
       SELECT n.created_at, 'note', 'staff:' || n.author_id, left(n.body, 200), n.id::text, '{}'::jsonb
         FROM case_notes n WHERE n.identification_id = $1
       UNION ALL
       SELECT rp.proposed_at, 'proposal', 'staff:' || rp.proposed_by, rp.action || ' (' || rp.reason_code || '): ' || rp.state,
              rp.id::text, jsonb_build_object('resolved_by', rp.resolved_by, 'resolved_at', rp.resolved_at)
         FROM review_proposals rp WHERE rp.identification_id = $1
       ORDER BY 1, 2`,
      [id],
    );
  }

  async providerResult(id: string): Promise<{
    id: string;
    identification_id: string;
    provider: string;
    result: string;
    payload: unknown;
    source: string;
    received_at: Date;
  } | null> {
    if (!/^[0-9]{1,18}$/.test(id)) return null;
    const rows = await this.ds.query<
      {
        id: string;
        identification_id: string;
        provider: string;
        result: string;
        payload: unknown;
        source: string;
        received_at: Date;
      }[]
    >(
      `SELECT id::text, identification_id, provider, result, payload, source, received_at FROM provider_results WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The latest provider result's payload: what the provider read from the ID document. */
  async latestProviderPayload(identificationId: string): Promise<unknown> {
    const rows = await this.ds.query<{ payload: unknown }[]>(
      `SELECT payload FROM provider_results WHERE identification_id = $1 ORDER BY id DESC LIMIT 1`,
      [identificationId],
    );
    return rows[0]?.payload ?? null;
  }

  dataChanges(identificationId: string) {
    return this.ds.query<
      {
        field: string;
        old_value: string | null;
        new_value: string | null;
        source: string;
        created_at: Date;
      }[]
    >(
      `SELECT field, old_value, new_value, source, created_at FROM person_data_changes WHERE identification_id = $1 ORDER BY id`,
      [identificationId],
    );
  }
}
