import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { JobRunner } from '#kyc/jobs';
import { PartnerFactory, PersonFactory, type TestPartner } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const TABLES = [
  'persons',
  'identifications',
  'documents',
  'webhook_subscriptions',
  'audit_events',
  'domain_events',
];

interface Reply {
  status: number;
  text: string;
  headers: Headers;
}

/** One partner POST route, a body for it and a different body for the same route. */
interface Route {
  name: string;
  table: string;
  path: () => string;
  body: () => unknown;
  other: () => unknown;
}

describe('Idempotency-Key on partner POSTs', () => {
  let t: TestApp;
  let receiver: WebhookReceiver;
  let partner: TestPartner;
  let personId: string;
  const db = () => t.app.get(DataSource);
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      out[table] = Number((await db().query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
    }
    return out;
  };
  const keyRows = (key: string) =>
    db().query<{ state: string }[]>(`SELECT state FROM idempotency_keys WHERE idempotency_key = $1`, [key]);

  /** Real HTTP, the body kept as the exact text received. A function body is a multipart form. */
  async function post(path: string, key: string | undefined, body: unknown, p = partner): Promise<Reply> {
    const headers: Record<string, string> = { authorization: `Bearer ${p.token}` };
    if (key !== undefined) headers['idempotency-key'] = key;
    let payload: string | FormData;
    if (body instanceof FormData) payload = body;
    else {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(t.url + path, { method: 'POST', headers, body: payload });
    return { status: res.status, text: await res.text(), headers: res.headers };
  }
  const form = (content: Buffer, type = 'ID_DOCUMENT') => {
    const f = new FormData();
    f.append('document_type', type);
    f.append('file', new Blob([content], { type: 'application/pdf' }), 'id-document.pdf');
    return f;
  };
  const errorOf = (r: Reply) => (JSON.parse(r.text) as { errors: Record<string, unknown>[] }).errors[0];

  // One person body for the replay tests (its random last name carries the log scanner's canary).
  const personBody = PersonFactory.body();
  const routes: Route[] = [
    {
      name: 'POST /v1/persons',
      table: 'persons',
      path: () => '/v1/persons',
      body: () => personBody,
      other: () => ({ ...personBody, first_name: 'Janet' }),
    },
    {
      name: 'POST /v1/persons/:person_id/identifications',
      table: 'identifications',
      path: () => `/v1/persons/${personId}/identifications`,
      body: () => ({ method: 'idnow', language: 'EN' }),
      other: () => ({ method: 'idnow', language: 'DE' }),
    },
    {
      name: 'POST /v1/persons/:person_id/documents (multipart)',
      table: 'documents',
      path: () => `/v1/persons/${personId}/documents`,
      // A new FormData each time: another multipart boundary, the same fields and content.
      body: () => form(PDF),
      other: () => form(Buffer.concat([PDF, Buffer.from('% another page\n')])),
    },
    {
      name: 'POST /v1/webhooks',
      table: 'webhook_subscriptions',
      path: () => '/v1/webhooks',
      body: () => ({ event_type: 'IDENTIFICATION', url: `${receiver.url}/hooks` }),
      other: () => ({ event_type: 'PERSON_CHANGED', url: `${receiver.url}/hooks` }),
    },
  ];

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    t = await startTestApp({ env: { WEBHOOK_TICK_MS: '0', SANDBOX_TICK_MS: '0', EVIDENCE_TICK_MS: '0' } });
    partner = await PartnerFactory.create(t);
    personId = (await PersonFactory.create(t, partner)).id;
  });
  afterAll(() => t.close(() => receiver.stop()));

  describe.each(routes)('$name', (route) => {
    it('replays the first reply byte for byte and creates nothing more', async () => {
      const key = randomUUID();
      const before = await counts();
      const first = await post(route.path(), key, route.body());
      expect(first.status).toBe(201);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      const afterFirst = await counts();
      expect(afterFirst[route.table]).toBe(before[route.table] + 1);

      const again = await post(route.path(), key, route.body());
      expect(again.status).toBe(201);
      expect(again.text).toBe(first.text);
      expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await counts()).toEqual(afterFirst);
    });

    // A webhook subscription's reply carries its signing secret, shown once: it is not rebuilt (docs/IDEMPOTENCY.md).
    if (route.table !== 'webhook_subscriptions') {
      it('answers a retry after a crash between the commit and the stored reply with what was created', async () => {
        const key = randomUUID();
        const first = await post(route.path(), key, route.body());
        expect(first.status).toBe(201);
        const created = JSON.parse(first.text) as { id: string };
        const [row] = await db().query<{ resource_path: string }[]>(
          `SELECT resource_path FROM idempotency_keys WHERE idempotency_key = $1`,
          [key],
        );
        expect(row.resource_path).toBe(`${route.path()}/${created.id}`);
        // The process died after the create's commit: the reply was never stored, the lease ran out.
        await db().query(
          `UPDATE idempotency_keys SET state = 'in_flight', completed_at = NULL, response_status = NULL,
                  response_content_type = NULL, response_body = NULL, locked_at = now() - interval '61 seconds'
            WHERE idempotency_key = $1`,
          [key],
        );
        const before = await counts();
        const retry = await post(route.path(), key, route.body());
        expect(retry.status).toBe(201);
        expect(retry.headers.get('idempotent-replayed')).toBe('true');
        expect((JSON.parse(retry.text) as { id: string }).id).toBe(created.id);
        expect(await counts()).toEqual(before);
        expect(await keyRows(key)).toEqual([{ state: 'completed' }]);
        const again = await post(route.path(), key, route.body());
        expect(again.text).toBe(retry.text);
      });
    }

    it('answers 422 for the same key with another body, and changes nothing', async () => {
      const key = randomUUID();
      expect((await post(route.path(), key, route.body())).status).toBe(201);
      const before = await counts();
      const other = await post(route.path(), key, route.other());
      expect(other.status).toBe(422);
      expect(errorOf(other)).toMatchObject({
        status: 422,
        code: 'idempotency_key_reused',
        title: 'Idempotency Key Reused',
        source: { field: 'Idempotency-Key' },
      });
      expect(await counts()).toEqual(before);
    });
  });

  it('answers 422 for the same key on another path', async () => {
    const key = randomUUID();
    expect((await post('/v1/persons', key, PersonFactory.body())).status).toBe(201);
    const before = await counts();
    const res = await post(`/v1/persons/${personId}/identifications`, key, {
      method: 'idnow',
      language: 'EN',
    });
    expect(res.status).toBe(422);
    expect(errorOf(res)).toMatchObject({ code: 'idempotency_key_reused' });
    expect(errorOf(res).detail).toContain('method or path');
    expect(await counts()).toEqual(before);
  });

  it('behaves as before without the header: every request executes', async () => {
    const before = await counts();
    const body = PersonFactory.body();
    expect((await post('/v1/persons', undefined, body)).status).toBe(201);
    expect((await post('/v1/persons', undefined, body)).status).toBe(201);
    expect((await counts()).persons).toBe(before.persons + 2);
  });

  it.each([
    ['too long', 'k'.repeat(256)],
    ['a control character', 'a\tb'],
    ['empty', ''],
  ])('answers 400 in the Solaris shape for a key that is %s, and writes nothing', async (_, key) => {
    const before = await counts();
    const res = await post('/v1/persons', key, PersonFactory.body());
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({
      status: 400,
      code: 'validation_error',
      source: { field: 'Idempotency-Key' },
    });
    expect(await counts()).toEqual(before);
    expect(await keyRows(key)).toHaveLength(0);
  });

  it('takes a key of 255 printable ASCII characters', async () => {
    const key = `${'~ !'.repeat(85)}`;
    expect(key).toHaveLength(255);
    expect((await post('/v1/persons', key, PersonFactory.body())).status).toBe(201);
  });

  it('does not store a validation failure: the fixed body with the same key executes', async () => {
    const key = randomUUID();
    const bad = await post('/v1/persons', key, PersonFactory.body({ first_name: ' Jane' }));
    expect(bad.status).toBe(400);
    expect(await keyRows(key)).toHaveLength(0);
    const fixed = await post('/v1/persons', key, PersonFactory.body());
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
    expect(await keyRows(key)).toEqual([{ state: 'completed' }]);
  });

  it('does not store a refused upload: the complete form with the same key executes', async () => {
    const key = randomUUID();
    const path = `/v1/persons/${personId}/documents`;
    const missingType = new FormData();
    missingType.append('file', new Blob([PDF], { type: 'application/pdf' }), 'id-document.pdf');
    const refused = await post(path, key, missingType);
    expect(refused.status).toBe(400);
    expect(errorOf(refused)).toMatchObject({ source: { field: 'document_type' } });
    expect(await keyRows(key)).toHaveLength(0);
    const fixed = await post(path, key, form(PDF));
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get('idempotent-replayed')).toBeNull();
  });

  it('stores an error answered after execution (404) and replays its bytes', async () => {
    const key = randomUUID();
    const path = `/v1/persons/${'0'.repeat(32)}cper/identifications`;
    const first = await post(path, key, { method: 'idnow', language: 'EN' });
    expect(first.status).toBe(404);
    const again = await post(path, key, { method: 'idnow', language: 'EN' });
    expect(again.status).toBe(404);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('gives another partner using the same key its own execution', async () => {
    const other = await PartnerFactory.create(t);
    const key = randomUUID();
    const mine = await post('/v1/persons', key, PersonFactory.body());
    const theirs = await post('/v1/persons', key, PersonFactory.body(), other);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(JSON.parse(theirs.text).id).not.toBe(JSON.parse(mine.text).id);
    const owners = await db().query(`SELECT partner_id FROM persons WHERE id = $1`, [
      JSON.parse(theirs.text).id,
    ]);
    expect(owners).toEqual([{ partner_id: other.partnerId }]);
  });

  it('executes again once the key has expired, and the purge job deletes expired keys', async () => {
    const key = randomUUID();
    const body = PersonFactory.body();
    const first = await post('/v1/persons', key, body);
    await db().query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE idempotency_key = $1`,
      [key],
    );
    const before = await counts();
    const again = await post('/v1/persons', key, body);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(JSON.parse(again.text).id).not.toBe(JSON.parse(first.text).id);
    expect((await counts()).persons).toBe(before.persons + 1);

    const expired = randomUUID();
    await post('/v1/persons', expired, PersonFactory.body());
    await db().query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 hour' WHERE idempotency_key = $1`,
      [expired],
    );
    const run = await t.app.get(JobRunner).runSlot('idempotency_purge', new Date());
    expect(run).toMatchObject({ status: 'succeeded' });
    expect(await keyRows(expired)).toHaveLength(0);
    expect(await keyRows(key)).toEqual([{ state: 'completed' }]);
  });

  it('lets exactly one of two concurrent requests execute; the other gets 409', async () => {
    const p = await PartnerFactory.create(t);
    receiver.respond = () => ({ status: 200, delayMs: 800 });
    const key = randomUUID();
    const body = { event_type: 'IDENTIFICATION', url: `${receiver.url}/slow` };
    const replies = await Promise.all([
      post('/v1/webhooks', key, body, p),
      post('/v1/webhooks', key, body, p),
    ]);
    receiver.respond = () => ({ status: 200 });
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
    const conflict = replies.find((r) => r.status === 409)!;
    expect(errorOf(conflict)).toMatchObject({ status: 409, code: 'idempotency_key_in_use' });
    const rows = await db().query(`SELECT id FROM webhook_subscriptions WHERE partner_id = $1`, [
      p.partnerId,
    ]);
    expect(rows).toHaveLength(1);
    const later = await post('/v1/webhooks', key, body, p);
    expect(later.status).toBe(201);
    expect(later.headers.get('idempotent-replayed')).toBe('true');
  });

  it('creates one person from many concurrent requests with one key', async () => {
    const p = await PartnerFactory.create(t);
    const key = randomUUID();
    const body = PersonFactory.body();
    const replies = await Promise.all(Array.from({ length: 6 }, () => post('/v1/persons', key, body, p)));
    const executed = replies.filter((r) => r.status === 201 && !r.headers.get('idempotent-replayed'));
    expect(executed).toHaveLength(1);
    for (const r of replies) {
      if (r.status === 201) expect(r.text).toBe(executed[0].text);
      else expect(r.status).toBe(409);
    }
    const rows = await db().query(`SELECT id FROM persons WHERE partner_id = $1`, [p.partnerId]);
    expect(rows).toHaveLength(1);
  });

  it('lets a request take over a claim whose lease ran out (its process died), not a live one', async () => {
    const key = randomUUID();
    const claim = (lockedAt: string) =>
      db().query(
        `INSERT INTO idempotency_keys (partner_id, idempotency_key, method, path, state, claim_token, locked_at, created_at, expires_at)
         VALUES ($1, $2, 'POST', '/v1/persons', 'in_flight', $3, ${lockedAt}, now(), now() + interval '1 day')`,
        [partner.partnerId, key, randomUUID()],
      );
    await claim('now()');
    expect((await post('/v1/persons', key, PersonFactory.body())).status).toBe(409);
    await db().query(`DELETE FROM idempotency_keys WHERE idempotency_key = $1`, [key]);
    await claim(`now() - interval '61 seconds'`);
    const res = await post('/v1/persons', key, PersonFactory.body());
    expect(res.status).toBe(201);
    expect(await keyRows(key)).toEqual([{ state: 'completed' }]);
  });

  it('releases the key after a 5xx: the retry with the same key executes', async () => {
    const key = randomUUID();
    const body = PersonFactory.body();
    await db().query(`CREATE FUNCTION idem_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused for the test'; END $$`);
    await db().query(
      `CREATE TRIGGER idem_fail BEFORE INSERT ON persons FOR EACH ROW EXECUTE FUNCTION idem_fail()`,
    );
    try {
      const failed = await post('/v1/persons', key, body);
      expect(failed.status).toBe(500);
      expect(await keyRows(key)).toHaveLength(0);
    } finally {
      await db().query(`DROP TRIGGER idem_fail ON persons`);
      await db().query(`DROP FUNCTION idem_fail()`);
    }
    const retry = await post('/v1/persons', key, body);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
  });
});
