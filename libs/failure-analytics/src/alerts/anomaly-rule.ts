/** The thresholds of the failure-rate alert (settings ANALYTICS_ALERT_*). */
export interface AnomalyThresholds {
  /** Raise when the hour's count exceeds factor × the baseline... */
  factor: number;
  /** ...and reaches at least this count. */
  minVolume: number;
}

export interface Anomaly {
  reason: string;
  observed: number;
  /** The reason's mean count per hour over the baseline window. */
  baseline: number;
}

/**
 * Which reasons jumped: an hour's count above `factor` times the reason's mean hourly count in the
 * baseline window, with at least `minVolume` of them (a reason never seen before counts from 0).
 */
export function findAnomalies(
  hour: ReadonlyMap<string, number>,
  window: { totals: ReadonlyMap<string, number>; hours: number },
  t: AnomalyThresholds,
): Anomaly[] {
  const out: Anomaly[] = [];
  for (const [reason, observed] of hour) {
    const baseline = (window.totals.get(reason) ?? 0) / window.hours;
    if (observed >= t.minVolume && observed > t.factor * baseline) out.push({ reason, observed, baseline });
  }
  return out.sort((a, b) => b.observed - a.observed || (a.reason < b.reason ? -1 : 1));
}
