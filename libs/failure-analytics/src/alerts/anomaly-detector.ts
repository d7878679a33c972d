import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Clock, Env, Ticker } from '#kyc/common';
import { AnalyticsCountsRepository } from '../rollup/analytics-counts.repository.js';
import { floorHour } from '../query/analytics-query.js';
import { AlertsRepository } from './alerts.repository.js';
import { findAnomalies } from './anomaly-rule.js';

const HOUR_MS = 3_600_000;
/** Outcomes that carry a failure reason (successful never does). */
const FAILING = ['failed', 'aborted', 'canceled', 'expired'];

/**
 * Every ANALYTICS_ALERT_TICK_MS, compares each reason's count in the last complete hour and in the
 * current one with its mean hourly count over the ANALYTICS_ALERT_BASELINE_DAYS before, and raises an
 * alert per reason and hour (idempotent: any number of processes may check). Reads the rollup only.
 */
@Injectable()
export class AnomalyDetector implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(AnomalyDetector.name);
  private readonly ticker = new Ticker(
    () => this.check(),
    (e: unknown) => this.log.error(`anomaly check failed: ${(e as Error).name}`),
  );

  constructor(
    private readonly counts: AnalyticsCountsRepository,
    private readonly alerts: AlertsRepository,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    this.ticker.start(this.env.ANALYTICS_ALERT_TICK_MS);
  }

  async onModuleDestroy(): Promise<void> {
    await this.ticker.stop();
  }

  /** Check the last complete hour and the current one; answers how many alerts were newly raised. */
  async check(now = this.clock.now()): Promise<number> {
    const current = floorHour(now).getTime();
    let raised = 0;
    for (const start of [current - HOUR_MS, current]) {
      const hour = new Date(start);
      const windowHours = this.env.ANALYTICS_ALERT_BASELINE_DAYS * 24;
      const [observed, totals] = await Promise.all([
        this.byReason(hour, new Date(start + HOUR_MS)),
        this.byReason(new Date(start - windowHours * HOUR_MS), hour),
      ]);
      const thresholds = {
        factor: this.env.ANALYTICS_ALERT_FACTOR,
        minVolume: this.env.ANALYTICS_ALERT_MIN_VOLUME,
      };
      for (const a of findAnomalies(observed, { totals, hours: windowHours }, thresholds)) {
        const isNew = await this.alerts.raise({ ...a, hour, ...thresholds, at: now });
        if (isNew) {
          raised++;
          this.log.warn(
            `failure-rate alert: ${a.reason} ${a.observed} in the hour from ${hour.toISOString()} (baseline ${a.baseline.toFixed(2)}/h)`,
          );
        }
      }
    }
    return raised;
  }

  private async byReason(from: Date, to: Date): Promise<Map<string, number>> {
    const rows = await this.counts.fromRollup({
      metric: 'outcome',
      from,
      to,
      granularity: null,
      statuses: FAILING,
      by: ['reason'],
    });
    return new Map(rows.filter((r) => r.reason).map((r) => [r.reason!, r.n]));
  }
}
