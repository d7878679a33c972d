import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** The exact bytes received. */
  body: Buffer;
}

/** What to answer a request: a status, optionally after a delay. */
export type Responder = (r: ReceivedRequest) => { status: number; delayMs?: number; body?: string };

/** A real HTTP receiver on 127.0.0.1 that records every request and every TCP connection. */
export class WebhookReceiver {
  readonly requests: ReceivedRequest[] = [];
  connections = 0;
  respond: Responder = () => ({ status: 200 });
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const r = { path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) };
        this.requests.push(r);
        const answer = this.respond(r);
        void (async () => {
          if (answer.delayMs) await sleep(answer.delayMs);
          if (!res.destroyed) res.writeHead(answer.status).end(answer.body ?? '');
        })();
      });
    });
    this.server.on('connection', () => this.connections++);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Requests that were deliveries (not verification pings). */
  deliveries(): ReceivedRequest[] {
    return this.requests.filter((r) => r.headers['solaris-webhook-event-type'] !== 'WEBHOOK-SUBSCRIPTION');
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
