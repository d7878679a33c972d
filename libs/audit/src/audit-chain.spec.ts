import { describe, expect, it } from '@jest/globals';
import { auditHash, canonicalJson, type ChainRow, GENESIS_HASH, verifyRows } from './audit-chain.js';

function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const r = {
      occurredAt: new Date(Date.UTC(2026, 10, 27, 8, 0, i)),
      actorType: 'staff' as const,
      actorId: `u${i}`,
      role: 'admin',
      action: 'user.create',
      entityType: 'user',
      entityId: `e${i}`,
      diff: { after: { email: `x${i}@example.com`, role: 'support_agent' } },
      requestId: `r${i}`,
      ip: '127.0.0.1',
    };
    const hash = auditHash(prev, r);
    rows.push({ ...r, id: String(i), prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe(canonicalJson.name, () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }),
    );
  });
});

describe(verifyRows.name, () => {
  it('accepts an intact chain', () => {
    expect(verifyRows(chain(5), GENESIS_HASH)).toMatchObject({ ok: true, rows: 5 });
  });

  it('names the first row whose content was changed', () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], action: 'user.delete' };
    expect(verifyRows(rows, GENESIS_HASH)).toMatchObject({ ok: false, brokenAt: '3', rows: 2 });
  });

  it('names the row after a deleted one', () => {
    const rows = chain(5);
    rows.splice(1, 1);
    expect(verifyRows(rows, GENESIS_HASH)).toMatchObject({ ok: false, brokenAt: '3' });
  });

  it('catches a rewritten hash that no longer links', () => {
    const rows = chain(3);
    const forged = { ...rows[1], action: 'forged' };
    rows[1] = { ...forged, hash: auditHash(forged.prevHash, forged) };
    expect(verifyRows(rows, GENESIS_HASH)).toMatchObject({ ok: false, brokenAt: '3' });
  });
});
