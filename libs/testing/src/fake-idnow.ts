import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * A scriptable stand-in for IDnow's HTTP API on 127.0.0.1, for tests that need to decide exactly what
 * the provider answers (the adapter still speaks real HTTP to it).
 */
export class FakeIdnow {
  readonly results = new Map<string, unknown>();
  readonly requests: { method: string; path: string }[] = [];
  startStatus = 201;
  /** The error cause a failing start answers (IDnow's 409 after a finished call is EXISTING_IDENTIFICATION). */
  startCause = 'INTERNAL_SERVER_ERROR';
  /** While true, result reads answer 503 as an unavailable provider would. */
  failResultReads = false;
  /** What `GET …/identifications/{txn}.zip` answers: the zip's bytes, or a status; unscripted is 404. */
  readonly evidence = new Map<string, Buffer | Uint8Array | number>();
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  countOf(method: string, pattern: RegExp): number {
    return this.requests.filter((r) => r.method === method && pattern.test(r.path)).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for await (const _ of req) void _;
    const path = req.url ?? '';
    this.requests.push({ method: req.method ?? '', path });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'POST' && path.endsWith('/login')) return send(200, { authToken: 'fake-token' });
    if (req.method === 'POST' && path.endsWith('/start')) {
      if (this.startStatus >= 400)
        return send(this.startStatus, {
          errors: [{ cause: this.startCause, id: '1', key: null, message: null }],
        });
      return send(this.startStatus, { id: `TST-${Math.random().toString(36).slice(2, 7).toUpperCase()}` });
    }
    const zip = /\/identifications\/([A-Za-z0-9_-]+)\.zip$/.exec(path);
    if (req.method === 'GET' && zip) {
      const scripted = this.evidence.get(zip[1]) ?? 404;
      if (typeof scripted === 'number') {
        const cause = scripted === 404 ? 'OBJECT_NOT_FOUND' : 'INTERNAL_SERVER_ERROR';
        return send(scripted, { errors: [{ cause, id: '4', key: null, message: null }] });
      }
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': scripted.length });
      return void res.end(scripted);
    }
    const one = /\/identifications\/([A-Za-z0-9_-]+)$/.exec(path);
    if (req.method === 'GET' && one && this.failResultReads) return send(503, {});
    if (req.method === 'GET' && one) {
      const result = this.results.get(one[1]);
      return result
        ? send(200, result)
        : send(404, { errors: [{ cause: 'OBJECT_NOT_FOUND', id: '2', key: null, message: null }] });
    }
    if (req.method === 'GET' && /\/api\/v1\/[^/]+$/.test(path)) {
      return send(200, { shortname: 'kycdesk', shortcode: 'KDS', name: 'Fake', estimatedWaitingTime: 42 });
    }
    send(404, { errors: [{ cause: 'OBJECT_NOT_FOUND', id: '3', key: null, message: null }] });
  }
}

/** An IDnow result body shaped like the fixtures, for a transaction and a result code. */
export function idnowResult(
  txn: string,
  result: string,
  reason?: string,
  extra: { mobile?: string } = {},
): unknown {
  return {
    identificationprocess: {
      result,
      companyid: 'kycdesk',
      agentname: 'AWEBER',
      identificationtime: '2026-03-02T09:14:07Z',
      id: 'TST-ABCDE',
      type: 'WEB',
      transactionnumber: txn,
      ...(reason ? { reason } : {}),
    },
    customdata: { custom1: null },
    contactdata: { email: null, mobilephone: extra.mobile ?? '+49301234567' },
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
