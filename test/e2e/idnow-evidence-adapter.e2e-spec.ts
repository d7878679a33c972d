import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { zipSync } from 'fflate';
import { loadEnv, ProviderError, PublicUrl, ServiceUnavailableError } from '#kyc/common';
import { IdnowProvider } from '#kyc/idnow';
import { FakeIdnow } from '#kyc/testing';

const TXN = '0d9c8b7a6f5e4d3ccidt';
const zip = (files: Record<string, string>) =>
  Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]))));

/** The adapter over real HTTP against a fake IDnow that serves whatever zip the test scripts. */
describe('IdnowProvider.fetchEvidence against odd zips', () => {
  const fake = new FakeIdnow();
  let provider: IdnowProvider;

  beforeAll(async () => {
    await fake.start();
    const env = loadEnv({ APP_ENV: 'sandbox', IDNOW_BASE_URL: fake.url, IDNOW_API_KEY: 'fake-api-key-123' });
    provider = new IdnowProvider(env, new PublicUrl('http://127.0.0.1:9'));
  });
  afterAll(() => fake.stop());

  it('asks for {txn}.zip with the login token and classifies what it gets', async () => {
    fake.evidence.set(
      TXN,
      zip({ [`${TXN}.pdf`]: '%PDF', [`${TXN}_userface.jpg`]: 'jpg', [`${TXN}.sig`]: 'sig' }),
    );
    const files = await provider.fetchEvidence(TXN);
    expect(files?.map((f) => [f.name, f.documentType, f.bytes.toString()])).toEqual([
      [`${TXN}.pdf`, 'KYC_REPORT', '%PDF'],
      [`${TXN}_userface.jpg`, 'PICTURE', 'jpg'],
      [`${TXN}.sig`, 'OTHER', 'sig'],
    ]);
    expect(fake.countOf('GET', new RegExp(`/api/v1/kycdesk/identifications/${TXN}\\.zip$`))).toBe(1);
  });

  it('skips traversal, absolute and backslash names and keeps base names', async () => {
    fake.evidence.set(
      TXN,
      zip({
        '../../../tmp/evil.pdf': 'evil',
        '/etc/passwd_userface.jpg': 'evil',
        'a\\b_signature.png': 'evil',
        'evidence/': '',
        [`evidence/${TXN}_idfrontside.jpg`]: 'front',
      }),
    );
    const files = await provider.fetchEvidence(TXN);
    expect(files?.map((f) => [f.name, f.documentType])).toEqual([[`${TXN}_idfrontside.jpg`, 'ID_DOCUMENT']]);
  });

  it('refuses an oversized archive and a corrupt one with a provider error, and keeps working', async () => {
    const big = zip({ 'a.pdf': 'a' });
    const at = big.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    big.writeUInt32LE(200 * 1024 * 1024, at + 24); // declares 200 MiB unpacked
    fake.evidence.set(TXN, big);
    await expect(provider.fetchEvidence(TXN)).rejects.toThrow(ProviderError);
    await expect(provider.fetchEvidence(TXN)).rejects.toThrow(/unpacks to more than/);
    fake.evidence.set(TXN, Buffer.from('PK\u0003\u0004 this is not really a zip'));
    await expect(provider.fetchEvidence(TXN)).rejects.toThrow(ProviderError);
    const good = zip({ 'ok.xml': '<x/>' });
    fake.evidence.set(TXN, Buffer.concat([good.subarray(0, 30), Buffer.alloc(8, 0xee), good.subarray(38)]));
    await expect(provider.fetchEvidence(TXN)).rejects.toThrow(ProviderError);
    fake.evidence.set(TXN, good);
    expect(await provider.fetchEvidence(TXN)).toHaveLength(1);
  });

  it('answers null when IDnow has no zip (404) and unavailable on a 5xx', async () => {
    expect(await provider.fetchEvidence('never-started')).toBeNull();
    fake.evidence.set(TXN, 404);
    expect(await provider.fetchEvidence(TXN)).toBeNull();
    fake.evidence.set(TXN, 503);
    await expect(provider.fetchEvidence(TXN)).rejects.toThrow(ServiceUnavailableError);
  });
});
