import type { FastifyInstance } from 'fastify';
import { schemaErrors, undescribed } from './fuzz/checks.js';
import { type JsonSchema, operationsOf, routeKey } from './fuzz/operations.js';

/**
 * Holds every JSON 2xx the test app sends to the OpenAPI document it serves: the answer must validate
 * against its route's documented schema and carry no field the schema does not describe. Installed on every
 * test app, so each e2e test that calls a route also checks the route's documentation against a real answer.
 * Breaches are collected (a hook must not change the answer) and reported when the app closes.
 */
export class ResponseContract {
  private schemas?: Map<string, Record<string, JsonSchema | undefined>>;
  readonly breaches: string[] = [];

  install(fastify: FastifyInstance): void {
    fastify.addHook('onSend', async (req, reply, payload) => {
      const status = reply.statusCode;
      if (!this.schemas || status < 200 || status >= 300 || typeof payload !== 'string') return payload;
      if (!/^application\/json/.test(String(reply.getHeader('content-type') ?? ''))) return payload;
      const route = `${req.method} ${req.routeOptions.url}`;
      const schema = this.schemas.get(route)?.[String(status)];
      if (!schema) return payload;
      const body = JSON.parse(payload) as unknown;
      const problem =
        schemaErrors(schema, body) ??
        (undescribed(schema, body).length
          ? `undescribed fields ${undescribed(schema, body).join(', ')}`
          : '');
      if (problem && this.breaches.length < 20) this.breaches.push(`${route} → ${status}: ${problem}`);
      return payload;
    });
  }

  /** Read the served OpenAPI document; answers sent before this are not checked. */
  async load(baseUrl: string): Promise<void> {
    const doc = (await (await fetch(`${baseUrl}/docs-json`)).json()) as JsonSchema;
    this.schemas = new Map(operationsOf(doc).map((op) => [routeKey(op), op.responses]));
  }

  /** Throws, naming each route and what broke, when an answer did not keep to its documentation. */
  assertKept(): void {
    if (this.breaches.length) {
      throw new Error(`answers that break their OpenAPI response schema:\n${this.breaches.join('\n')}`);
    }
  }
}
