import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ipLiteral, isBlockedAddress } from '../ssrf/address-guard.js';
import { BlockedAddressError, guardedLookup } from '../ssrf/guarded-lookup.js';

export const RESPONSE_HEAD_BYTES = 512;

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
 * One POST, redirects never followed (a 3xx is just a status), the whole exchange under `timeoutMs`,
 * the destination checked at connect time unless private targets are allowed. Never throws.
 */
export function postWebhook(url: string, opts: PostOptions): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise<PostOutcome>((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve({ error: 'invalid_url', latencyMs: 0 });
    }
    const literal = ipLiteral(target.hostname);
    // node:net skips `lookup` for IP literals, so those are checked here.
    if (!opts.allowPrivate && literal !== null && isBlockedAddress(literal)) {
      return resolve({ error: 'blocked_address', latencyMs: 0 });
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, {
      method: 'POST',
      agent: false,
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
      const finish = () => {
        const head = Buffer.concat(chunks)
          .subarray(0, RESPONSE_HEAD_BYTES)
          .toString('utf8')
          .replace(/\0/g, '');
        res.destroy();
        done({ status: res.statusCode ?? 0, head });
      };
      res.on('data', (c: Buffer) => {
        if (size < RESPONSE_HEAD_BYTES) chunks.push(c);
        size += c.length;
        if (size >= RESPONSE_HEAD_BYTES) finish();
      });
      res.on('end', finish);
      res.on('error', finish);
    });
    req.end(opts.body);
  });
}

class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}
