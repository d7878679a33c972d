/** Label values of one series, by label name. */
export type Labels = Record<string, string | number>;

type Kind = 'counter' | 'gauge' | 'histogram';

/** Prometheus' default buckets (seconds): from 5 ms to 10 s. */
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Escaping of the text format 0.0.4: label values escape \, " and newline; HELP escapes \ and newline. */
export const escapeLabelValue = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

abstract class Metric {
  abstract readonly kind: Kind;
  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly string[],
  ) {
    if (!NAME.test(name)) throw new Error(`invalid metric name ${name}`);
    for (const l of labelNames) if (!LABEL.test(l) || l === 'le') throw new Error(`invalid label ${l}`);
  }

  /** The series key and its rendered label pairs, in the declared label order. */
  protected key(labels: Labels = {}): string {
    return this.labelNames
      .map((l) => {
        const v = labels[l];
        if (v === undefined) throw new Error(`metric ${this.name}: label ${l} is missing`);
        return `${l}="${escapeLabelValue(String(v))}"`;
      })
      .join(',');
  }

  abstract reset(): void;
  abstract lines(): string[];

  render(): string {
    return [
      `# HELP ${this.name} ${escapeHelp(this.help)}`,
      `# TYPE ${this.name} ${this.kind}`,
      ...this.lines(),
    ]
      .join('\n')
      .concat('\n');
  }
}

const series = (name: string, key: string, value: number) =>
  `${name}${key ? `{${key}}` : ''} ${formatValue(value)}`;

export class Counter extends Metric {
  readonly kind = 'counter';
  private readonly values = new Map<string, number>();

  inc(labels?: Labels, by = 1): void {
    if (!(by >= 0)) throw new Error(`counter ${this.name} can only go up`);
    const k = this.key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }

  /** For counters whose total lives elsewhere (a table read at scrape time). */
  set(labels: Labels | undefined, value: number): void {
    this.values.set(this.key(labels), value);
  }

  reset(): void {
    this.values.clear();
  }

  lines(): string[] {
    return [...this.values].map(([k, v]) => series(this.name, k, v));
  }
}

export class Gauge extends Metric {
  readonly kind = 'gauge';
  private readonly values = new Map<string, number>();

  set(labels: Labels | undefined, value: number): void {
    this.values.set(this.key(labels), value);
  }

  reset(): void {
    this.values.clear();
  }

  lines(): string[] {
    return [...this.values].map(([k, v]) => series(this.name, k, v));
  }
}

interface HistogramSeries {
  counts: number[];
  sum: number;
  count: number;
}

export class Histogram extends Metric {
  readonly kind = 'histogram';
  private readonly values = new Map<string, HistogramSeries>();

  constructor(
    name: string,
    help: string,
    labelNames: readonly string[],
    readonly buckets: readonly number[] = DEFAULT_BUCKETS,
  ) {
    super(name, help, labelNames);
  }

  observe(labels: Labels | undefined, value: number): void {
    const k = this.key(labels);
    let s = this.values.get(k);
    if (!s) this.values.set(k, (s = { counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    this.buckets.forEach((b, i) => {
      if (value <= b) s.counts[i] += 1;
    });
    s.sum += value;
    s.count += 1;
  }

  reset(): void {
    this.values.clear();
  }

  lines(): string[] {
    const out: string[] = [];
    for (const [k, s] of this.values) {
      const prefix = k ? `${k},` : '';
      this.buckets.forEach((b, i) =>
        out.push(`${this.name}_bucket{${prefix}le="${formatValue(b)}"} ${s.counts[i]}`),
      );
      out.push(`${this.name}_bucket{${prefix}le="+Inf"} ${s.count}`);
      out.push(series(`${this.name}_sum`, k, s.sum), series(`${this.name}_count`, k, s.count));
    }
    return out;
  }
}

/** Runs at scrape time to refresh gauges read from elsewhere (the database, the pool). */
export type Collector = () => Promise<void> | void;

/**
 * The process's metrics, one per app: counters and histograms moved by the code, gauges refreshed by
 * collectors at scrape time. Knows no domain: each lib declares its own metrics and collectors.
 */
export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric>();
  private readonly collectors: { owned: Metric[]; run: Collector }[] = [];

  counter(name: string, help: string, labelNames: readonly string[] = []): Counter {
    return this.add(new Counter(name, help, labelNames));
  }

  gauge(name: string, help: string, labelNames: readonly string[] = []): Gauge {
    return this.add(new Gauge(name, help, labelNames));
  }

  histogram(name: string, help: string, labelNames: readonly string[] = [], buckets?: number[]): Histogram {
    return this.add(new Histogram(name, help, labelNames, buckets));
  }

  /**
   * A collector and the metrics it fills: they are emptied before it runs, so a collector that fails
   * leaves its series absent rather than stale.
   */
  onCollect(owned: Metric[], run: Collector): void {
    this.collectors.push({ owned, run });
  }

  /** Run the collectors, then the text exposition (format 0.0.4); answers the names of failed collectors' metrics. */
  async render(): Promise<{ text: string; failed: string[] }> {
    const failed: string[] = [];
    await Promise.all(
      this.collectors.map(async (c) => {
        for (const m of c.owned) m.reset();
        try {
          await c.run();
        } catch {
          for (const m of c.owned) m.reset();
          failed.push(...c.owned.map((m) => m.name));
        }
      }),
    );
    return { text: [...this.metrics.values()].map((m) => m.render()).join(''), failed };
  }

  private add<M extends Metric>(metric: M): M {
    const existing = this.metrics.get(metric.name);
    if (existing) {
      if (existing.kind !== metric.kind) throw new Error(`metric ${metric.name} declared twice`);
      return existing as M;
    }
    this.metrics.set(metric.name, metric);
    return metric;
  }
}
