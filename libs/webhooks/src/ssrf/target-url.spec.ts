import { describe, expect, it } from '@jest/globals';
import { refuseTargetUrl } from './target-url.js';

const PRODUCTION = { httpsOnly: true, allowPrivate: false };
const SANDBOX_STRICT = { httpsOnly: false, allowPrivate: false };
const SANDBOX_OPEN = { httpsOnly: false, allowPrivate: true };

describe(refuseTargetUrl.name, () => {
  it('allows a public https url in production', () => {
    expect(refuseTargetUrl('https://hooks.example.com/solaris', PRODUCTION)).toBeNull();
  });

  it('refuses http in production', () => {
    expect(refuseTargetUrl('http://hooks.example.com/', PRODUCTION)).toBe('must be an https URL');
  });

  it.each([
    'https://127.0.0.1/',
    'https://2130706433/',
    'https://0177.0.0.1/',
    'https://0x7f000001/',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://169.254.169.254/latest/meta-data',
    'https://localhost/',
    'https://api.localhost/',
    'https://10.1.2.3/',
  ])('refuses the private target %s', (url) => {
    expect(refuseTargetUrl(url, PRODUCTION)).toMatch(/private/);
    expect(refuseTargetUrl(url, SANDBOX_STRICT)).toMatch(/private/);
  });

  it('lets a sandbox target localhost when private targets are allowed', () => {
    expect(refuseTargetUrl('http://127.0.0.1:4000/hook', SANDBOX_OPEN)).toBeNull();
    expect(refuseTargetUrl('http://localhost:4000/hook', SANDBOX_OPEN)).toBeNull();
  });

  it('refuses other schemes, credentials and non-urls', () => {
    expect(refuseTargetUrl('ftp://example.com/', SANDBOX_OPEN)).toBe('must be an http(s) URL');
    expect(refuseTargetUrl('file:///etc/passwd', SANDBOX_OPEN)).toBe('must be an http(s) URL');
    expect(refuseTargetUrl('https://u:p@example.com/', SANDBOX_OPEN)).toBe('must not carry credentials');
    expect(refuseTargetUrl('example.com/hook', SANDBOX_OPEN)).toBe('must be an absolute http(s) URL');
  });
});
