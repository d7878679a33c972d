import { Agent as HttpAgent, request as httpRequest, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { urlToHttpOptions } from 'node:url';
import { ipLiteral, isBlockedAddress } from '../ssrf/address-guard.js';
import { BlockedAddressError, guardedLookup } from '../ssrf/guarded-lookup.js';

export const RESPONSE_HEAD_BYTES = 512;
/** An idle pooled connection is closed after this long (sooner when the receiver announces less). */
export const IDLE_SOCKET_MS = 4_000;

export interface PostOutcome {
  /** Present when a response arrived (any status). */
  status?: number;
  /** The first bytes of the response body. */
  head?: string;
  /** `timeout`, `blocked_address` or the socket error code, when no response arrived. */
  error?: string;
  latencyMs: number;
}

export interface PostOptions {
  headers: Record<string, string>;
  body: Buffer;
  timeoutMs: number;
  allowPrivate: boolean;
}

/**
 * Keep-alive connection pools, one per scheme and guard policy, so a connection opened without the
 * guard is never reused by a guarded request. The guard runs when a connection is opened: every pooled
 * connection was checked against the address it actually connected to, so reusing it cannot reach
 * another address (a later DNS answer only matters for the next new connection, and is checked then).
 */
const agents = new Map<string, HttpAgent>();
function agentFor(https: boolean, allowPrivate: boolean): HttpAgent {
  const key = `${https ? 'https' : 'http'}:${allowPrivate ? 'open' : 'guarded'}`;
  let agent = agents.get(key);
  if (!agent) {
    const opts = {
      keepAlive: true,
      timeout: IDLE_SOCKET_MS,
      ...(allowPrivate ? {} : { lookup: guardedLookup }),
    };
    agent = https ? new HttpsAgent(opts) : new HttpAgent(opts);
    agents.set(key, agent);
  }
  return agent;
}

interface Target {
  https: boolean;
  options: RequestOptions;
  /** The host is an IP literal of a blocked range. */
  blockedLiteral: boolean;
}

/** Parsed targets by url: every delivery to a subscription goes to the same url. */
const targets = new Map<string, Target | null>();
const TARGETS_MAX = 10_000;

function parseTarget(url: string): Target | null {
  let target = targets.get(url);
  if (target !== undefined) return target;
  try {
    const parsed = new URL(url);
    const literal = ipLiteral(parsed.hostname);
    target = {
      https: parsed.protocol === 'https:',
      options: urlToHttpOptions(parsed),
      blockedLiteral: literal !== null && isBlockedAddress(literal),
    };
  } catch {
    target = null;
  }
  if (targets.size >= TARGETS_MAX) targets.clear();
  targets.set(url, target);
  return target;
}

/**
 * One POST, redirects never followed (a 3xx is just a status), the whole exchange under `timeoutMs`,
 * the destination checked at connect time unless private targets are allowed. Connections are kept
 * alive and reused (an idle one is closed before the receiver's announced keep-alive timeout, so a
 * reused connection is rarely found closed; when it is, the attempt fails like any other: it is not
 * sent again under the same attempt number). Never throws.
 */
export function postWebhook(url: string, opts: PostOptions): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise<PostOutcome>((resolve) => {
    const target = parseTarget(url);
    if (!target) return resolve({ error: 'invalid_url', latencyMs: 0 });
    // node:net skips `lookup` for IP literals, so those are checked here.
    if (!opts.allowPrivate && target.blockedLiteral) {
      return resolve({ error: 'blocked_address', latencyMs: 0 });
    }
    const { https } = target;
    const send = https ? httpsRequest : httpRequest;
    const req = send({
      ...target.options,
      method: 'POST',
      agent: agentFor(https, opts.allowPrivate),
      headers: { ...opts.headers, 'content-length': String(opts.body.length) },
      ...(opts.allowPrivate ? {} : { lookup: guardedLookup }),
    });
    const timer = setTimeout(() => req.destroy(new TimeoutError()), opts.timeoutMs);
    const done = (o: Omit<PostOutcome, 'latencyMs'>) => {
      clearTimeout(timer);
      resolve({ ...o, latencyMs: elapsed() });
    };
    req.on('error', (e: NodeJS.ErrnoException) => {
      const error =
        e instanceof TimeoutError
          ? 'timeout'
          : e instanceof BlockedAddressError
            ? 'blocked_address'
            : (e.code ?? e.name);
      done({ error });
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        const head = Buffer.concat(chunks)
          .subarray(0, RESPONSE_HEAD_BYTES)
          .toString('utf8')
          .replace(/\0/g, '');
        done({ status: res.statusCode ?? 0, head });
      };
      res.on('data', (c: Buffer) => {
        if (size < RESPONSE_HEAD_BYTES) chunks.push(c);
        size += c.length;
        // A long answer is not read to its end: its connection is closed instead of reused.
        if (size >= RESPONSE_HEAD_BYTES) {
          res.destroy();
          finish();
        }
      });
      // Read to its end, the connection goes back to the pool.
      res.on('end', finish);
      res.on('error', finish);
    });
    req.end(opts.body);
  });
}

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}
