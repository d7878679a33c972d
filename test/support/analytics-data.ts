import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** One status change of a crafted identification: the status it reaches, why, and when. */
export interface Step {
  to: string;
  reason?: string | null;
  at: Date;
}

/** A crafted identification: who, when it was created, the statuses it went through, what it follows. */
export interface CraftedIdentification {
  partnerId: string;
  personId: string;
  language: 'DE' | 'EN' | null;
  createdAt: Date;
  steps: Step[];
  previousId?: string;
}

export const identificationId = () => `${randomUUID().replace(/-/g, '')}cidt`;

/**
 * Write identifications and their events as the services would leave them (the analytics trigger counts
 * them as it does in production): a `created` event, then one transition per step, in order. Rows are
 * written directly so the times are exact; each call is one transaction.
 */
export async function insertIdentifications(
  ds: DataSource,
  crafted: CraftedIdentification[],
): Promise<string[]> {
  const ids = crafted.map(() => identificationId());
  const rows = crafted.map((c, i) => {
    const last = c.steps.at(-1);
    return {
      id: ids[i],
      partner_id: c.partnerId,
      person_id: c.personId,
      status: last?.to ?? 'created',
      language: c.language,
      failure_reason: last?.reason ?? null,
      requested_at: c.steps[0]?.at ?? null,
      created_at: c.createdAt,
      updated_at: last?.at ?? c.createdAt,
      previous_identification_id: c.previousId ?? null,
    };
  });
  const events = crafted.flatMap((c, i) => {
    let from = 'created';
    return [
      {
        identification_id: ids[i],
        kind: 'created',
        from_status: null,
        to_status: 'created',
        reason_code: null,
        created_at: c.createdAt,
      },
      ...c.steps.map((s) => {
        const e = {
          identification_id: ids[i],
          // The same status again is another attempt ending the same way (a `repeated` event).
          kind: s.to === from ? 'repeated' : 'transition',
          from_status: from,
          to_status: s.to,
          reason_code: s.reason ?? null,
          created_at: s.at,
        };
        from = s.to;
        return e;
      }),
    ];
  });
  const ordered = events.map((e, seq) => ({ ...e, seq }));
  await ds.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO identifications (id, partner_id, person_id, method, status, language, failure_reason, requested_at,
                                    created_at, updated_at, previous_identification_id)
       SELECT id, partner_id, person_id, 'idnow', status, language, failure_reason, requested_at, created_at, updated_at,
              previous_identification_id
         FROM jsonb_to_recordset($1::jsonb) AS x(id char(36), partner_id text, person_id char(36), status text,
              language char(2), failure_reason text, requested_at timestamptz, created_at timestamptz,
              updated_at timestamptz, previous_identification_id char(36))`,
      [JSON.stringify(rows)],
    );
    await tx.query(
      `INSERT INTO identification_events (identification_id, kind, from_status, to_status, actor, reason_code, created_at)
       SELECT identification_id, kind, from_status, to_status, 'provider', reason_code, created_at
         FROM jsonb_to_recordset($1::jsonb) AS x(identification_id char(36), kind text, from_status text,
              to_status text, reason_code text, created_at timestamptz, seq int)
        ORDER BY seq`,
      [JSON.stringify(ordered)],
    );
  });
  return ids;
}
