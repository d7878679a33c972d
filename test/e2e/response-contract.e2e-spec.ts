import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { ResponseContract } from '../support/response-contract.js';

/** A served document with one route whose 200 is `{ id: string, tags: string[] }`. */
const DOC = {
  openapi: '3.0.0',
  paths: {
    '/things/{id}': {
      get: {
        parameters: [{ in: 'path', name: 'id' }],
        responses: {
          '200': {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['id', 'tags'],
                  properties: {
                    id: { type: 'string' },
                    tags: { type: 'array', items: { type: 'string' } },
                    // A nullable nested object, as @nestjs/swagger documents one.
                    owner: {
                      oneOf: [
                        { type: 'object', properties: { name: { type: 'string' } } },
                        { type: 'object', nullable: true, enum: [null] },
                      ],
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

/** The check every test app carries: it must catch an answer that breaks its documentation, and only that. */
describe('ResponseContract', () => {
  let app: FastifyInstance;
  let base: string;
  const contract = new ResponseContract();
  const answers: Record<string, unknown> = {
    good: { id: 'a', tags: ['x'], owner: null },
    'good-owner': { id: 'a', tags: ['x'], owner: { name: 'n' } },
    'wrong-type': { id: 7, tags: ['x'] },
    missing: { id: 'a' },
    extra: { id: 'a', tags: [], secret: 'x' },
    'extra-nested': { id: 'a', tags: [], owner: { name: 'n', email: 'x' } },
  };

  beforeAll(async () => {
    app = Fastify();
    contract.install(app);
    app.get('/docs-json', (_req, reply) => reply.send(DOC));
    app.get('/things/:id', async (req, reply) => {
      const { id } = req.params as { id: string };
      if (id === 'gone') return reply.code(404).send({ errors: [] });
      return answers[id];
    });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    await contract.load(base);
  });
  afterAll(() => app.close());

  it('lets a valid answer and an error answer pass', async () => {
    expect((await fetch(`${base}/things/good`)).status).toBe(200);
    expect((await fetch(`${base}/things/good-owner`)).status).toBe(200);
    expect((await fetch(`${base}/things/gone`)).status).toBe(404);
    expect(contract.breaches).toEqual([]);
    expect(() => contract.assertKept()).not.toThrow();
  });

  it('names the route and the fault of a wrong type, a missing field and undescribed fields', async () => {
    for (const id of ['wrong-type', 'missing', 'extra', 'extra-nested']) {
      const res = await fetch(`${base}/things/${id}`);
      // The answer itself is untouched: the contract only records.
      expect(await res.json()).toEqual(answers[id]);
    }
    expect(contract.breaches).toEqual([
      'GET /things/:id → 200: data/id must be string',
      "GET /things/:id → 200: data must have required property 'tags'",
      'GET /things/:id → 200: undescribed fields .secret',
      'GET /things/:id → 200: undescribed fields .owner.email',
    ]);
    expect(() => contract.assertKept()).toThrow(/GET \/things\/:id → 200/);
  });
});
