import { createHash } from 'node:crypto';

/** The hash before the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** What one audit row records; `diff` holds before/after where something changed. */
export interface AuditRecord {
  occurredAt: Date;
  actorType: 'staff' | 'partner' | 'system' | 'provider';
  actorId: string | null;
  role: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  diff: unknown;
  requestId: string | null;
  ip: string | null;
}

/** JSON with object keys sorted at every level, so the database's jsonb key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Each row's hash covers the previous row's hash and every recorded field. */
export function auditHash(prevHash: string, r: AuditRecord): string {
  const fields = [
    prevHash,
    r.occurredAt.toISOString(),
    r.actorType,
    r.actorId,
    r.role,
    r.action,
    r.entityType,
    r.entityId,
    r.diff ?? null,
    r.requestId,
    r.ip,
  ];
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

export interface ChainRow extends AuditRecord {
  id: string;
  prevHash: string;
  hash: string;
}

export type ChainVerdict =
  { ok: true; rows: number; lastHash: string } | { ok: false; rows: number; brokenAt: string; why: string };

/** Check rows in id order, continuing from `prev` (the last good hash of an earlier page). */
export function verifyRows(rows: ChainRow[], prev: string, counted = 0): ChainVerdict {
  let last = prev;
  let n = counted;
  for (const r of rows) {
    if (r.prevHash !== last)
      return { ok: false, rows: n, brokenAt: r.id, why: 'prev_hash does not match the previous row' };
    if (auditHash(r.prevHash, r) !== r.hash)
      return { ok: false, rows: n, brokenAt: r.id, why: 'hash does not match the row' };
    last = r.hash;
    n++;
  }
  return { ok: true, rows: n, lastHash: last };
}
