import { createServer, type Server } from 'node:http';

export interface ReceivedCallback {
  path: string;
  contentType: string | undefined;
  body: any;
}

/** Stands in for the back-office's callback endpoint: records every POST and answers 200. */
export class CallbackReceiver {
  readonly received: ReceivedCallback[] = [];
  url = '';
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* keep the text */
        }
        this.received.push({ path: req.url ?? '', contentType: req.headers['content-type'], body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"received"}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The result codes called back for one transaction, in arrival order. */
  resultsFor(txn: string): string[] {
    return this.received
      .filter((c) => c.body?.identificationprocess?.transactionnumber === txn)
      .map((c) => c.body.identificationprocess.result as string);
  }
}
