// Baseline for bench/persons-create: the least a Node server can do for POST /v1/persons.
// Raw Fastify + one `pg` pool, no Nest, no auth, no validation, no ORM: parse the JSON body, write the
// same row into the same `persons` table (same columns, id, partner, AML dates), answer 201 with the
// stored row. One database round trip per request.
//
// Env: DATABASE_URL (a database migrated by the app's migrations), PARTNER_ID (a row of partners,
// default 'sandbox'), PORT, DB_POOL_SIZE (default 10, the app's default), AML_FOLLOW_UP_MONTHS
// (default 78, the app's default).
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_SIZE ?? 10),
});
const months = Number(process.env.AML_FOLLOW_UP_MONTHS ?? 78);
const PARTNER_ID = process.env.PARTNER_ID ?? 'sandbox';

const INSERT = `INSERT INTO persons (
    id, partner_id, salutation, first_name, last_name,
    address_line_1, address_line_2, address_postal_code, address_city, address_country,
    mobile_number, birth_date, nationality, terms_conditions_signed_at, data_terms_signed_at,
    aml_confirmed_on, aml_follow_up_date)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
  RETURNING *`;

const today = () => new Date().toISOString().slice(0, 10);
function followUp(day) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

const app = Fastify({ logger: false });

app.get('/health', async () => {
  await pool.query('SELECT 1');
  return { status: 'ok', database: 'up' };
});

app.post('/v1/persons', async (req, reply) => {
  const b = req.body;
  const a = b.address ?? {};
  const confirmedOn = today();
  const { rows } = await pool.query(INSERT, [
    randomBytes(16).toString('hex') + 'cper',
    PARTNER_ID,
    b.salutation,
    b.first_name,
    b.last_name,
    a.line_1,
    a.line_2,
    a.postal_code,
    a.city,
    a.country,
    b.mobile_number,
    b.birth_date,
    b.nationality,
    b.terms_conditions_signed_at,
    b.data_terms_signed_at,
    confirmedOn,
    followUp(confirmedOn),
  ]);
  return reply.code(201).send(rows[0]);
});

const shutdown = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());

await app.listen({ port: Number(process.env.PORT ?? 3001), host: '127.0.0.1' });
process.stderr.write(`baseline listening on 127.0.0.1:${app.server.address().port}\n`);
