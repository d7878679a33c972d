import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { AuditService } from '#kyc/audit';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the audit trail', () => {
  let t: TestApp;
  const ds = () => t.app.get(DataSource);

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('appends hash-chained rows that verify, also when written concurrently', async () => {
    const audit = t.app.get(AuditService);
    // The first start already audited the creation of the sandbox admin.
    const before = (await audit.verify()).rows;
    expect(before).toBe(1);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        audit.record({
          actorType: 'staff',
          actorId: `user-${i % 3}`,
          role: 'admin',
          action: 'user.create',
          entityType: 'user',
          entityId: `u${i}`,
          diff: { after: { role: 'support_agent', active: true } },
          requestId: `req-${i}`,
          ip: '127.0.0.1',
        }),
      ),
    );
    expect(await audit.verify(7)).toMatchObject({ ok: true, rows: before + 20 });
  });

  it("chains a job's batch in the order given across its hashing slices, while single events wait their turn", async () => {
    const audit = t.app.get(AuditService);
    const before = (await audit.verify()).rows;
    const batch = Array.from({ length: 450 }, (_, n) => ({
      actorType: 'system' as const,
      actorId: 'expire_links',
      action: 'identification.expired',
      entityType: 'identification',
      entityId: `batch-${String(n).padStart(3, '0')}`,
      diff: { from: 'pending', to: 'expired', url_expires_at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)) },
    }));
    await Promise.all([
      ds().transaction((tx) => audit.recordMany(batch, tx)),
      ...Array.from({ length: 5 }, (_, i) =>
        audit.record({
          actorType: 'system',
          action: 'job.run_requested',
          entityType: 'job',
          entityId: `single-${i}`,
        }),
      ),
    ]);
    expect(await audit.verify(100)).toMatchObject({ ok: true, rows: before + 455 });
    const written = await ds().query<{ entity_id: string; diff: { url_expires_at: string } }[]>(
      `SELECT entity_id, diff FROM audit_events WHERE entity_id LIKE 'batch-%' ORDER BY id`,
    );
    expect(written.map((r) => r.entity_id)).toEqual(batch.map((b) => b.entityId));
    // Dates are stored (and hashed) as the ISO strings the jsonb holds.
    expect(written[449].diff.url_expires_at).toBe('2026-01-01T00:07:29.000Z');
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database', async () => {
    await expect(ds().query(`UPDATE audit_events SET action = 'nothing'`)).rejects.toThrow(/append-only/);
    await expect(ds().query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(ds().query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });

  it('names the first broken row when a row is changed around the trigger, in the service and in `npm run audit:verify`', async () => {
    const [{ id }] = await ds().query(`SELECT id FROM audit_events ORDER BY id OFFSET 4 LIMIT 1`);
    // Only a superuser can do this; the chain still shows it.
    await ds().query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
    await ds().query(`UPDATE audit_events SET action = 'user.delete' WHERE id = $1`, [id]);
    await ds().query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
    expect(await t.app.get(AuditService).verify()).toMatchObject({
      ok: false,
      brokenAt: String(id),
      rows: 4,
    });

    if (process.env.DATABASE_URL) {
      const cli = spawnSync(
        process.execPath,
        [join(process.cwd(), 'dist/apps/api/src/cli.js'), 'audit:verify'],
        {
          env: { PATH: process.env.PATH ?? '', DATABASE_URL: t.db.url },
          encoding: 'utf8',
        },
      );
      expect(cli.status).toBe(1);
      expect(cli.stdout).toContain(`Audit chain broken at row ${id}`);
    }
  });
});
