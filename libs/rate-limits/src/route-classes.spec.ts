import { describe, expect, it } from '@jest/globals';
import { bucketsFor, tokenClientId } from './route-classes.js';

const basic = (id: string, secret = 's') => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe(bucketsFor.name, () => {
  it('counts /v1 writes and reads per partner client, in their own classes', () => {
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) {
      expect(bucketsFor({ method, route: '/v1/persons', ip: '10.0.0.1', partnerClientId: 'acme' })).toEqual([
        { cls: 'write', key: 'write:acme' },
      ]);
    }
    expect(
      bucketsFor({ method: 'GET', route: '/v1/persons/:id', ip: '1.1.1.1', partnerClientId: 'acme' }),
    ).toEqual([{ cls: 'read', key: 'read:acme' }]);
  });

  it('counts token requests per client id and per source IP, and callbacks per source IP, keeping no IP', () => {
    const token = bucketsFor({
      method: 'POST',
      route: '/oauth/token',
      ip: '192.0.2.7',
      tokenClientId: 'acme',
    });
    expect(token.map((b) => b.cls)).toEqual(['token', 'token_ip']);
    expect(token[0].key).toBe('token:acme');
    const callback = bucketsFor({
      method: 'POST',
      route: '/providers/idnow/callback/:secret',
      ip: '192.0.2.7',
    });
    expect(callback.map((b) => b.cls)).toEqual(['callback']);
    expect(JSON.stringify([token, callback])).not.toContain('192.0.2.7');
    // The same address is the same counter; another one is another.
    expect(bucketsFor({ method: 'POST', route: '/oauth/token', ip: '192.0.2.7' })[0].key).toBe(token[1].key);
    expect(bucketsFor({ method: 'POST', route: '/oauth/token', ip: '192.0.2.8' })[0].key).not.toBe(
      token[1].key,
    );
  });

  it('does not limit admin, sandbox or health routes, nor an unauthenticated /v1 request', () => {
    for (const route of ['/admin/persons', '/sandbox/idnow/api/v1/:c/identifications/:t/start', '/health']) {
      expect(bucketsFor({ method: 'POST', route, ip: '1.1.1.1', partnerClientId: 'acme' })).toEqual([]);
    }
    expect(bucketsFor({ method: 'GET', route: '/v1/persons/:id', ip: '1.1.1.1' })).toEqual([]);
  });
});

describe(tokenClientId.name, () => {
  it('reads the client id as the token endpoint does: HTTP Basic first, then the body', () => {
    expect(tokenClientId(basic('acme'), { client_id: 'other' })).toBe('acme');
    expect(tokenClientId(undefined, { client_id: 'other' })).toBe('other');
    expect(tokenClientId(basic('a%2Db'), undefined)).toBe('a-b');
    expect(tokenClientId(undefined, undefined)).toBeUndefined();
  });

  it('counts an odd client id by a digest, so the counters never hold arbitrary text', () => {
    const odd = tokenClientId(undefined, { client_id: 'Jane Doe <jane@example.com>' });
    expect(odd).toMatch(/^#[A-Za-z0-9_-]{22}$/);
    expect(tokenClientId(undefined, { client_id: 'Jane Doe <jane@example.com>' })).toBe(odd);
  });
});
