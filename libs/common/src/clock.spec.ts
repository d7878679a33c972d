import { describe, expect, it } from '@jest/globals';
import { SystemClock } from './clock.js';

const AT = new Date('2026-03-01T10:15:00.000Z');
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(SystemClock.name, () => {
  const clock = new SystemClock();

  it('answers the real time outside any scope', () => {
    const before = Date.now();
    const now = clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('answers the simulated instant inside runAt, across awaits, and the real time again after it', async () => {
    const seen = await clock.runAt(AT, async () => {
      const first = clock.now();
      await tick();
      await Promise.resolve();
      return [first, clock.now(), clock.today()];
    });
    expect(seen).toEqual([AT, AT, '2026-03-01']);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('keeps concurrent scopes apart, and the innermost scope wins', async () => {
    const other = new Date('2025-12-24T18:00:00.000Z');
    const [a, b] = await Promise.all([
      clock.runAt(AT, async () => {
        await tick();
        return clock.now();
      }),
      clock.runAt(other, async () => {
        await tick();
        return clock.runAt(AT, () => clock.now());
      }),
    ]);
    expect(a).toEqual(AT);
    expect(b).toEqual(AT);
  });

  it('hands out copies: changing an answer does not move the scope', () => {
    clock.runAt(AT, () => {
      clock.now().setFullYear(2000);
      expect(clock.now()).toEqual(AT);
    });
  });

  it('does not leak the scope into timers started outside it', async () => {
    let outside: Date | undefined;
    const timer = new Promise<void>((resolve) =>
      setTimeout(() => {
        outside = clock.now();
        resolve();
      }, 5),
    );
    await clock.runAt(AT, () => timer);
    expect(Math.abs(outside!.getTime() - Date.now())).toBeLessThan(1000);
  });
});
