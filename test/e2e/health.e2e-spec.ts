import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http } from '#kyc/testing';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('operations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('GET /health reports the database as up', async () => {
    const res = await http(t.url, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('serves the OpenAPI document at /docs-json with the persons paths', async () => {
    const res = await http(t.url, 'GET', '/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/v1/persons', '/v1/persons/{id}', '/oauth/token']),
    );
  });

  it('echoes a safe X-Request-Id and makes one otherwise', async () => {
    const given = await http(t.url, 'GET', '/health', { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const unsafe = await http(t.url, 'GET', '/health', { headers: { 'x-request-id': 'bad id\twith tab' } });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
