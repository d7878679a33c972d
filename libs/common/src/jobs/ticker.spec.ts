import { describe, expect, it } from '@jest/globals';
import { Ticker } from './ticker.js';

describe('Ticker', () => {
  it('runs one drain at a time and reports a failure instead of throwing', async () => {
    let calls = 0;
    let release!: () => void;
    const errors: unknown[] = [];
    const ticker = new Ticker(
      () => {
        calls++;
        return new Promise<void>((_, reject) => (release = () => reject(new Error('boom'))));
      },
      (e) => errors.push(e),
    );
    ticker.kick();
    ticker.kick();
    expect(calls).toBe(1);
    release();
    await ticker.stop();
    expect(errors).toHaveLength(1);
    ticker.kick();
    expect(calls).toBe(1);
  });

  it('waits for the run in flight when stopped', async () => {
    let finished = false;
    const ticker = new Ticker(
      () => new Promise<void>((resolve) => setTimeout(() => ((finished = true), resolve()), 30)),
      () => undefined,
    );
    ticker.kick();
    await ticker.stop();
    expect(finished).toBe(true);
    expect(ticker.stopped).toBe(true);
  });

  it('ticks on its own when started with an interval', async () => {
    let calls = 0;
    const ticker = new Ticker(
      () => Promise.resolve(void calls++),
      () => undefined,
    );
    ticker.start(10);
    await new Promise((r) => setTimeout(r, 60));
    await ticker.stop();
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
