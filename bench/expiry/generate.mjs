// bench/expiry/generate.mjs: identifications for the expiry benchmark, set-based, in a migrated database.
// `identifications` rows over `identifications / 2` persons of the sandbox partner; `stale` of them are
// pending with a url that ran out (between one minute and 30 days ago), the rest are what an older
// installation holds: successful, failed, expired, and pending or aborted with a url still valid.
// Secondary indexes are dropped for the load and built again after it, as CREATE INDEX on a filled table.
import { round, withClient } from '../lib/harness.mjs';

const CHUNK = 250_000;

export async function generate(dbUrl, { identifications, stale, partnerId, log }) {
  const started = performance.now();
  const persons = Math.ceil(identifications / 2);
  await withClient(dbUrl, async (c) => {
    await c.query(`SET synchronous_commit = off`);
    await c
      .query(`SET session_replication_role = replica`)
      .catch(() => log('triggers stay on (not superuser)'));
    await c.query(`INSERT INTO partners (id, name) VALUES ($1, 'Sandbox partner') ON CONFLICT DO NOTHING`, [
      partnerId,
    ]);
    const { rows: indexes } = await c.query(
      `SELECT indexname, indexdef FROM pg_indexes
        WHERE tablename IN ('persons', 'identifications') AND indexdef NOT LIKE '%UNIQUE%'`,
    );
    for (const i of indexes) await c.query(`DROP INDEX ${i.indexname}`);
    for (let from = 1; from <= persons; from += CHUNK) {
      const to = Math.min(persons, from + CHUNK - 1);
      await c.query(
        `INSERT INTO persons (id, partner_id, salutation, first_name, last_name, email, mobile_number, birth_date,
                              birth_city, nationality, address_line_1, address_city, address_postal_code,
                              address_country, created_at, updated_at)
         SELECT md5('person-' || g) || 'cper', $3, 'MS', 'Jane', 'Doe ' || g, 'jane' || g || '@example.com',
                '+4915' || lpad(g::text, 9, '0'), date '1960-01-01' + g % 15000, 'Berlin', 'DE',
                'Musterstraße ' || g % 200, 'Berlin', '10115', 'DE',
                now() - interval '400 days', now() - interval '400 days'
           FROM generate_series($1::int, $2::int) g`,
        [from, to, partnerId],
      );
    }
    log(`persons: ${persons.toLocaleString('en')}`);
    // Identification n: the first `stale` are pending with an expired url; then a mix of older ones.
    for (let from = 1; from <= identifications; from += CHUNK) {
      const to = Math.min(identifications, from + CHUNK - 1);
      await c.query(
        `INSERT INTO identifications (id, partner_id, person_id, method, status, language, reference, url,
                                      url_expires_at, requested_at, completed_at, created_at, updated_at)
         SELECT md5('idt-' || n) || 'cidt', $4, md5('person-' || (1 + (n - 1) % $5)) || 'cper', 'idnow', st,
                'DE', 'TST-' || upper(substr(md5('ref' || n), 1, 5)), 'https://go.example/' || n,
                req + interval '14 days', req, CASE WHEN st IN ('successful', 'failed') THEN req + interval '1 hour' END,
                req, req
           FROM (
             SELECT n,
                    CASE WHEN n <= $3 THEN 'pending'
                         ELSE (ARRAY['successful','successful','successful','successful','failed','expired',
                                     'pending','aborted'])[1 + n % 8] END AS st,
                    CASE WHEN n <= $3 THEN now() - interval '14 days' - (n % 43200) * interval '1 minute' - interval '1 minute'
                         WHEN n % 8 IN (6, 7) THEN now() - (n % 13) * interval '1 day'
                         ELSE now() - interval '20 days' - (n % 300) * interval '1 day' END AS req
               FROM generate_series($1::int, $2::int) n
           ) x`,
        [from, to, stale, partnerId, persons],
      );
    }
    log(`identifications: ${identifications.toLocaleString('en')} (${stale.toLocaleString('en')} stale)`);
    for (const i of indexes) await c.query(i.indexdef);
    await c.query(`VACUUM (ANALYZE) partners, persons, identifications`);
  });
  return { persons, identifications, stale, seconds: round((performance.now() - started) / 1000, 1) };
}
