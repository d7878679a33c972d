import fc from 'fast-check';
import { bodyFor, type RawBody } from './bodies.js';
import { type Answer, violation } from './checks.js';
import { type Operation, routeKey } from './operations.js';
import { encode, idSegment, nastyString } from './values.js';

/** The fixed default seed keeps CI reproducible; FUZZ_SEED and FUZZ_RUNS override it. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261127);
export const fuzzRuns = (fallback: number) => Number(process.env.FUZZ_RUNS ?? fallback);

export interface FuzzRequest {
  op: Operation;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: RawBody;
}

/** What a spec knows about its app: ids to put in paths, valid bodies to mutate, and who may call. */
export interface FuzzContext {
  ids: Record<string, string[]>;
  examples: Record<string, unknown[]>;
  auth: fc.Arbitrary<Record<string, string>>;
  bodyLimit: number;
  /** Relative weights of routes (default 5): expensive ones (argon2 per request) are drawn less often. */
  weights?: Record<string, number>;
}

const QUERY_KEYS = ['page[size]', 'page[number]', 'sort', 'range', 'filter', 'filter[status]', 'q', 'reason'];
const QUERY_VALUES = [
  '-1',
  '0',
  '1',
  '25',
  '1000',
  '1e10',
  'abc',
  '1.5',
  '',
  '["a"]',
  '{"a":1}',
  '[0,9]',
  'status',
];

function query(op: Operation): fc.Arbitrary<string> {
  const key = fc.oneof(fc.constantFrom(...op.queryParams, ...QUERY_KEYS), nastyString());
  // Mostly short enough to reach the handler; sometimes past the URL limit (414/431).
  const value = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...QUERY_VALUES) },
    { weight: 4, arbitrary: nastyString().map((s) => s.slice(0, 1000)) },
    { weight: 1, arbitrary: nastyString() },
  );
  const pair = fc.tuple(key, value, fc.boolean());
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    {
      weight: 3,
      arbitrary: fc.array(pair, { minLength: 1, maxLength: 4 }).map(
        // Brackets are left raw half the time, as browsers and clients send them.
        (pairs) => '?' + pairs.map(([k, v, raw]) => `${raw ? k : encode(k)}=${encode(v)}`).join('&'),
      ),
    },
  );
}

/** One generated request for a route: path ids, query, headers and body all drawn together. */
export function requestFor(op: Operation, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const segments = op.pathParams.map((p) => idSegment(ctx.ids[p] ?? []));
  const takesBody = op.method !== 'GET' && op.method !== 'DELETE';
  const body = takesBody
    ? bodyFor(op.body, ctx.examples[routeKey(op)] ?? [], ctx.bodyLimit)
    : fc.constant<RawBody>({ kind: 'no body' });
  return fc.record({ segments: fc.tuple(...segments), q: query(op), headers: ctx.auth, body }).map((r) => {
    let i = 0;
    const path = op.path.replace(/:([A-Za-z0-9_]+)/g, () => r.segments[i++] ?? '');
    return { op, method: op.method, url: path + r.q, headers: r.headers, body: r.body };
  });
}

export interface Finding {
  route: string;
  problem: string;
  example: string;
}

/** Sends generated requests and records every answer that breaks a house rule (first example per kind). */
export class FuzzRun {
  readonly findings = new Map<string, Finding>();
  readonly sent = new Map<string, number>();
  readonly statuses = new Map<number, number>();
  readonly unschematized2xx = new Set<string>();
  /** 2xx answers checked against their route's response schema, by route. */
  readonly validated2xx = new Map<string, number>();
  readonly millis = new Map<string, number>();
  requests = 0;

  constructor(
    private readonly baseUrl: string,
    /** Turns the generated headers into the ones sent, e.g. a role name into that role's live session. */
    private readonly headersOf: (generated: Record<string, string>) => Record<string, string> = (h) => h,
    /** Called after each answer, e.g. to sign in again after a fuzzed logout. */
    private readonly after?: (
      req: FuzzRequest,
      status: number,
      sent: Record<string, string>,
    ) => Promise<void>,
  ) {}

  async send(req: FuzzRequest): Promise<void> {
    const headers: Record<string, string> = { ...this.headersOf(req.headers) };
    if (req.body.contentType !== undefined) headers['content-type'] = req.body.contentType;
    let answer: Answer;
    const started = performance.now();
    try {
      const res = await fetch(this.baseUrl + req.url, {
        method: req.method,
        headers,
        body: req.body.payload,
        redirect: 'manual',
      });
      answer = {
        status: res.status,
        contentType: res.headers.get('content-type') ?? '',
        text: await res.text(),
      };
    } catch (e) {
      answer = { status: 599, contentType: '', text: `connection failed: ${(e as Error).message}` };
    }
    const route = routeKey(req.op);
    this.millis.set(route, (this.millis.get(route) ?? 0) + performance.now() - started);
    this.requests++;
    this.sent.set(route, (this.sent.get(route) ?? 0) + 1);
    this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
    if (answer.status < 300 && !req.op.responses[String(answer.status)]) this.unschematized2xx.add(route);
    else if (answer.status >= 200 && answer.status < 300)
      this.validated2xx.set(route, (this.validated2xx.get(route) ?? 0) + 1);
    const problem = violation(req.op, answer);
    if (problem && !this.findings.has(`${route} ${problem.slice(0, 40)}`)) {
      this.findings.set(`${route} ${problem.slice(0, 40)}`, {
        route,
        problem,
        example: describe(req, answer),
      });
    }
    await this.after?.(req, answer.status, headers);
  }

  /**
   * Draws the requests from the seed (fast-check's generators, reproducible), then sends them a few at a
   * time. It never stops at the first finding, so one run reports every kind of failure.
   */
  async run(ops: Operation[], ctx: FuzzContext, numRuns: number, concurrency = 6): Promise<void> {
    const weighted = ops.map((op) => ({
      weight: ctx.weights?.[routeKey(op)] ?? 5,
      arbitrary: fc.constant(op),
    }));
    const arb = fc.oneof(...weighted).chain((op) => requestFor(op, ctx));
    const requests = fc.sample(arb, { seed: FUZZ_SEED, numRuns });
    let next = 0;
    const worker = async () => {
      while (next < requests.length) await this.send(requests[next++]);
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  summary(): string {
    const statuses = [...this.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`);
    const slowest = [...this.millis].sort(([, a], [, b]) => b - a).slice(0, 5);
    return (
      `seed ${FUZZ_SEED}: ${this.requests} requests over ${this.sent.size} routes; statuses ${statuses.join(' ')}\n` +
      `slowest routes (total ms): ${slowest.map(([r, ms]) => `${r} ${Math.round(ms)}`).join('; ')}`
    );
  }
}

function describe(req: FuzzRequest, a: Answer): string {
  const payload = req.body.payload === undefined ? '' : String(req.body.payload);
  const shown = payload.length > 300 ? `${payload.slice(0, 300)}… (${payload.length} chars)` : payload;
  return `${req.method} ${req.url.slice(0, 300)} [${req.body.kind}; ${req.body.contentType ?? 'no content type'}] ${shown} -> ${a.status} ${a.text.slice(0, 300)}`;
}
