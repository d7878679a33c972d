#!/usr/bin/env node
// `npm run webhook:listen -- --port 4000 --secret <subscription secret>`
// A tiny local receiver for Solaris-style webhooks: it answers the subscription's verification ping,
// checks each delivery's Solaris-Webhook-Signature (HMAC-SHA256 of the exact body bytes, keyed with the
// subscription secret) and prints one line per event. For watching the flow on a laptop, not production.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4000' },
    host: { type: 'string', default: '127.0.0.1' },
    secret: { type: 'string', default: process.env.WEBHOOK_SECRET ?? '' },
    status: { type: 'string', default: '200' },
  },
});

/** True when the signature header is `sha256=<hex>` of the body under the secret. */
export function verifySignature(body, header, secret) {
  if (!secret || typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(body).digest('hex'));
  const given = Buffer.from(header.slice('sha256='.length));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const h = req.headers;
    const type = h['solaris-webhook-event-type'] ?? '(none)';
    if (type === 'WEBHOOK-SUBSCRIPTION') {
      console.log(`${new Date().toISOString()} verification ping: answered 200`);
      res.writeHead(200).end();
      return;
    }
    const signed = values.secret
      ? verifySignature(body, h['solaris-webhook-signature'], values.secret)
        ? 'valid'
        : 'INVALID'
      : 'unchecked (no --secret)';
    console.log(
      `${new Date().toISOString()} ${type} entity=${h['solaris-entity-id'] ?? '-'} id=${h['solaris-webhook-id'] ?? '-'} ` +
        `attempt=${h['solaris-webhook-attempt'] ?? '-'} signature=${signed} body=${body.toString('utf8')}`,
    );
    res.writeHead(Number(values.status)).end();
  });
});

server.listen(Number(values.port), values.host, () => {
  console.log(`Listening for webhooks on http://${values.host}:${values.port}/ (answers ${values.status})`);
  if (!values.secret) console.log('No --secret given: signatures are shown as unchecked.');
});
