import { describe, expect, it } from '@jest/globals';
import { bearerMatches } from './metrics-token.js';
import { MetricsRegistry } from './registry.js';

describe(MetricsRegistry.name, () => {
  it('renders counters, gauges and histograms in the text format with escaped label values', async () => {
    const r = new MetricsRegistry();
    r.counter('things_total', 'Things.\nCounted \\ here.', ['kind']).inc({ kind: 'a "quoted"\\\nvalue' }, 2);
    r.gauge('depth', 'Depth.').set(undefined, 3.5);
    const h = r.histogram('lat_seconds', 'Latency.', ['route'], [0.1, 1]);
    h.observe({ route: '/x/:id' }, 0.05);
    h.observe({ route: '/x/:id' }, 5);
    const { text, failed } = await r.render();
    expect(failed).toEqual([]);
    expect(text).toBe(
      [
        '# HELP things_total Things.\\nCounted \\\\ here.',
        '# TYPE things_total counter',
        'things_total{kind="a \\"quoted\\"\\\\\\nvalue"} 2',
        '# HELP depth Depth.',
        '# TYPE depth gauge',
        'depth 3.5',
        '# HELP lat_seconds Latency.',
        '# TYPE lat_seconds histogram',
        'lat_seconds_bucket{route="/x/:id",le="0.1"} 1',
        'lat_seconds_bucket{route="/x/:id",le="1"} 1',
        'lat_seconds_bucket{route="/x/:id",le="+Inf"} 2',
        'lat_seconds_sum{route="/x/:id"} 5.05',
        'lat_seconds_count{route="/x/:id"} 2',
        '',
      ].join('\n'),
    );
  });

  it('leaves the series of a failed collector out rather than stale', async () => {
    const r = new MetricsRegistry();
    const g = r.gauge('queue_depth', 'Depth.');
    let fail = false;
    r.onCollect([g], () => {
      if (fail) throw new Error('database down');
      g.set(undefined, 7);
    });
    expect((await r.render()).text).toContain('queue_depth 7');
    fail = true;
    const { text, failed } = await r.render();
    expect(failed).toEqual(['queue_depth']);
    expect(text).not.toContain('queue_depth 7');
    expect(text).toContain('# TYPE queue_depth gauge');
  });

  it('refuses bad names, missing labels and counters going down', () => {
    const r = new MetricsRegistry();
    expect(() => r.counter('bad-name', 'x')).toThrow();
    expect(() => r.counter('ok_total', 'x', ['le'])).toThrow();
    const c = r.counter('c_total', 'x', ['a']);
    expect(() => c.inc({})).toThrow();
    expect(() => c.inc({ a: '1' }, -1)).toThrow();
    expect(() => r.gauge('c_total', 'x')).toThrow();
  });
});

describe(bearerMatches.name, () => {
  it('accepts only "Bearer <token>" with the exact token', () => {
    const token = 'abcdefghijklmnop';
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(token, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token.slice(1)}`, token)).toBe(false);
    expect(bearerMatches(`Bearer ${token} extra`, token)).toBe(false);
    expect(bearerMatches(undefined, token)).toBe(false);
    expect(bearerMatches(['Bearer', token], token)).toBe(false);
  });
});
