import { describe, expect, it } from '@jest/globals';
import { ProgressBar } from './progress.js';

const stream = (isTTY: boolean) => {
  const out: string[] = [];
  return { out, write: (s: string) => out.push(s), isTTY };
};

describe(ProgressBar.name, () => {
  it('redraws one line on a terminal, only when it changes, and ends it', () => {
    const s = stream(true);
    const bar = new ProgressBar(s, 'Demo data');
    bar.update(0, 4);
    bar.update(0, 4);
    bar.update(2, 4);
    bar.update(4, 4);
    bar.finish();
    expect(s.out).toHaveLength(4);
    expect(s.out.slice(0, 3).every((l) => l.startsWith('\rDemo data ['))).toBe(true);
    expect(s.out[1]).toContain(' 50% 2/4');
    expect(s.out[2]).toContain(`[${'#'.repeat(30)}] 100% 4/4`);
    expect(s.out[3]).toBe('\n');
  });

  it('writes a line per 10 % elsewhere', () => {
    const s = stream(false);
    const bar = new ProgressBar(s, 'Demo data');
    for (let done = 1; done <= 200; done++) bar.update(done, 200);
    bar.finish();
    expect(s.out).toEqual(
      Array.from({ length: 10 }, (_, i) => `Demo data: ${(i + 1) * 10}% (${(i + 1) * 20}/200)\n`),
    );
  });
});
