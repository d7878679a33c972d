import type { FastifyInstance } from 'fastify';

/** What a drain ended with: whether every request in flight finished, and how many were still running. */
export interface DrainOutcome {
  drained: boolean;
  inFlight: number;
  ms: number;
}

/**
 * Graceful shutdown for the api behind a load balancer. `install` counts the requests in flight; `drain` then
 * stops accepting connections (idle keep-alive ones close at once), answers every request still arriving on an
 * open connection with `Connection: close`, and waits until the requests in flight have finished or
 * `graceMs` has passed. Only then may the app close its pool: a request in flight is answered, not cut off.
 */
export class GracefulDrain {
  private inFlight = 0;
  private draining = false;
  private idle?: () => void;

  install(fastify: FastifyInstance): this {
    fastify.addHook('onRequest', (req, reply, done) => {
      this.inFlight++;
      // 'close' comes once per response, answered or aborted by the client.
      reply.raw.once('close', () => {
        this.inFlight--;
        if (this.inFlight === 0) this.idle?.();
      });
      if (this.draining) reply.header('connection', 'close');
      done();
    });
    return this;
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }

  async drain(fastify: FastifyInstance, graceMs: number): Promise<DrainOutcome> {
    const started = Date.now();
    this.draining = true;
    fastify.server.close(); // no new connections; Node closes the idle keep-alive ones now
    const finished =
      this.inFlight === 0 ||
      (await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), graceMs);
        this.idle = () => {
          clearTimeout(timer);
          resolve(true);
        };
      }));
    // Connections that went idle after answering their last request during the drain.
    fastify.server.closeIdleConnections();
    return { drained: finished, inFlight: this.inFlight, ms: Date.now() - started };
  }
}
