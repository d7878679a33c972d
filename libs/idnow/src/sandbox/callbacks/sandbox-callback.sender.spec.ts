import { createServer } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { Env, PublicUrl } from '#kyc/common';
import { SandboxCallbackSender } from './sandbox-callback.sender.js';

const RESULT = { identificationprocess: { result: 'SUCCESS', transactionnumber: 'txn1' } };

function sender(settings: Partial<Env>, url = 'http://127.0.0.1:9') {
  return new SandboxCallbackSender(Object.assign(new Env(), settings), new PublicUrl(url));
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe(SandboxCallbackSender.name, () => {
  it('posts to the callback path, with the secret segment when one is set', () => {
    expect(sender({}, 'https://kyc.example.com/').target()).toBe(
      'https://kyc.example.com/providers/idnow/callback',
    );
    expect(
      sender({ IDNOW_CALLBACK_SECRET: 's3cret-s3cret-s3cret' }, 'https://kyc.example.com').target(),
    ).toBe('https://kyc.example.com/providers/idnow/callback/s3cret-s3cret-s3cret');
  });

  it('drops every callback at SANDBOX_CALLBACK_DROP_RATE=1', async () => {
    expect(await sender({ SANDBOX_CALLBACK_DROP_RATE: 1 }).send(RESULT)).toBe('dropped');
  });

  it('never throws when nobody listens, or before the public url is known', async () => {
    expect(await sender({}, `http://127.0.0.1:${await closedPort()}`).send(RESULT)).toBe('failed');
    const unknownUrl = new SandboxCallbackSender(new Env(), new PublicUrl());
    expect(await unknownUrl.send(RESULT)).toBe('failed');
  });
});
