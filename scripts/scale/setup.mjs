// Set-up of the scale-out proof through the product's own API: the sandbox partner's token, webhook
// subscriptions to the local receiver, and signed-in compliance officers.
import argon2 from 'argon2';

const PARTNER = { id: 'sandbox-partner', secret: 'sandbox-secret-change-me' };

async function json(res, what) {
  const body = await res.json().catch(() => null);
  if (res.status >= 300) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** The partner's bearer token, and one subscription per event type to `receiverUrl`. */
export async function setUp(base, receiverUrl) {
  const basic = Buffer.from(`${PARTNER.id}:${PARTNER.secret}`).toString('base64');
  const { access_token: token } = await json(
    await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    }),
    'token',
  );
  for (const eventType of ['IDENTIFICATION', 'PERSON_CHANGED']) {
    await json(
      await fetch(`${base}/v1/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ event_type: eventType, url: receiverUrl }),
      }),
      `subscribe ${eventType}`,
    );
  }
  return { token };
}

/**
 * A compliance officer, made in the database (as the benchmarks do) and signed in on `base`: the session
 * cookie for reads, plus the CSRF token for writes. Sessions live in the database: any api serves them.
 */
export async function signIn(base, db, name) {
  const staff = { email: `scale-${name}@scale.example`, password: `Scale-${process.pid}-${name}-Pw!` };
  await db.query(
    `INSERT INTO staff_users (email, display_name, role, status, password_hash)
     VALUES ($1, $2, 'compliance_officer', 'active', $3)`,
    [staff.email, `Scale officer ${name}`, await argon2.hash(staff.password)],
  );
  const res = await fetch(`${base}/admin/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(staff),
  });
  const body = await json(res, `sign-in ${name}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    headers: { cookie },
    writeHeaders: { cookie, 'x-csrf-token': body.csrf_token },
  };
}

/** The first documented reason of a retry decision (the catalog's temporary, user-caused codes). */
export async function retryReason(base, officer) {
  const reasons = await json(
    await fetch(`${base}/admin/review-reasons`, { headers: officer.headers }),
    'reasons',
  );
  return reasons.retry[0].code;
}
