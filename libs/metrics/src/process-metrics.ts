import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { MetricsRegistry } from './registry.js';

/**
 * The process: start time, resident memory, heap, and the event loop's delay since the last scrape
 * (Node's own sampler, 20 ms resolution: cheap). Answers a stop function for shutdown.
 */
export function registerProcessMetrics(registry: MetricsRegistry): () => void {
  const start = registry.gauge(
    'process_start_time_seconds',
    'Start time of the process since the Unix epoch.',
  );
  const rss = registry.gauge('process_resident_memory_bytes', 'Resident memory size in bytes.');
  const heap = registry.gauge('nodejs_heap_used_bytes', 'V8 heap in use, in bytes.');
  const lag = registry.gauge(
    'nodejs_eventloop_lag_seconds',
    'Event loop delay since the previous scrape, by quantile (mean, p50, p99, max).',
    ['quantile'],
  );
  const startedAt = Math.round(Date.now() / 1000 - process.uptime());
  const delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  registry.onCollect([start, rss, heap, lag], () => {
    start.set(undefined, startedAt);
    const mem = process.memoryUsage();
    rss.set(undefined, mem.rss);
    heap.set(undefined, mem.heapUsed);
    if (delay.count > 0) {
      lag.set({ quantile: 'mean' }, delay.mean / 1e9);
      lag.set({ quantile: '0.5' }, delay.percentile(50) / 1e9);
      lag.set({ quantile: '0.99' }, delay.percentile(99) / 1e9);
      lag.set({ quantile: 'max' }, delay.max / 1e9);
    }
    delay.reset();
  });
  return () => delay.disable();
}
