// A minimal IDnow API stand-in for bench/callback-intake, in plain JS: the same answers as
// libs/testing/src/fake-idnow.ts gives the adapter (login, account, one identification's result), on
// 127.0.0.1 in the benchmark's own process. It also counts what it is asked, for the report.
import { createServer } from 'node:http';
import { once } from 'node:events';

export const AUTH_TOKEN = 'bench-login-token';

/**
 * An IDnow result body shaped like the fixtures (the same shape and key order as idnowResult() in
 * libs/testing/src/fake-idnow.ts); IDnow sends the same JSON as callback body and as pulled result.
 */
export function idnowResult(txn, result, reason, { reference = 'TST-ABCDE', mobile = '+49301234567' } = {}) {
  return {
    identificationprocess: {
      result,
      companyid: 'kycdesk',
      agentname: 'AWEBER',
      identificationtime: '2026-03-02T09:14:07Z',
      id: reference,
      type: 'WEB',
      transactionnumber: txn,
      ...(reason ? { reason } : {}),
    },
    customdata: { custom1: null },
    contactdata: { email: null, mobilephone: mobile },
    userdata: {
      firstname: { value: 'JANE', status: 'MATCH' },
      lastname: { value: 'DOE', status: 'MATCH' },
    },
    identificationdocument: {
      type: { value: 'IDCARD', status: 'NEW' },
      country: { value: 'DE', status: 'NEW' },
    },
  };
}

const json = (res, status, body) => {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};
const NOT_FOUND = { errors: [{ cause: 'OBJECT_NOT_FOUND', id: '3', key: null, message: null }] };

/** Start the stand-in; `results` maps a transaction number to its result body (a JSON string). */
export async function startIdnowStandIn(companyId = 'kycdesk') {
  const results = new Map();
  const stats = {
    logins: 0,
    result_reads: 0,
    result_reads_unknown: 0,
    rejected_tokens: 0,
    other: 0,
    sockets: 0,
  };
  /** Transaction number -> [arrived, answered] of its last result read, wall-clock ms (Date.now scale). */
  const reads = new Map();
  const wallNow = () => performance.timeOrigin + performance.now();
  const prefix = `/api/v1/${companyId}`;
  const server = createServer((req, res) => {
    const arrived = wallNow();
    req.resume();
    req.on('end', () => {
      const path = req.url ?? '';
      if (req.method === 'POST' && path === `${prefix}/login`) {
        stats.logins++;
        return json(res, 200, { authToken: AUTH_TOKEN });
      }
      const one = /^\/api\/v1\/[^/]+\/identifications\/([A-Za-z0-9_-]+)$/.exec(path);
      if (req.method === 'GET' && one) {
        if (req.headers['x-api-login-token'] !== AUTH_TOKEN) {
          stats.rejected_tokens++;
          return json(res, 401, {
            errors: [{ cause: 'INVALID_LOGIN_TOKEN', id: '1', key: null, message: null }],
          });
        }
        stats.result_reads++;
        const times = [arrived, 0];
        reads.set(one[1], times);
        res.once('finish', () => {
          times[1] = wallNow();
        });
        const body = results.get(one[1]);
        if (!body) {
          stats.result_reads_unknown++;
          return json(res, 404, NOT_FOUND);
        }
        return json(res, 200, body);
      }
      stats.other++;
      if (req.method === 'GET' && path === prefix) {
        return json(res, 200, {
          shortname: 'kycdesk',
          shortcode: 'KDS',
          name: 'Bench',
          estimatedWaitingTime: 42,
        });
      }
      json(res, 404, NOT_FOUND);
    });
  });
  server.on('connection', () => stats.sockets++);
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    results,
    stats,
    reads,
    async stop() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
