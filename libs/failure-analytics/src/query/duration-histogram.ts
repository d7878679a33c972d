/**
 * Durations are counted in logarithmic buckets 10 % wide (the SQL function analytics_duration_bucket:
 * bucket b holds [1.1^b, 1.1^(b+1)) seconds), so percentiles come from counts, not from every row.
 */
const WIDTH = 1.1;

/** The middle of a bucket (geometric), in whole seconds. */
export function bucketMiddleSeconds(bucket: number): number {
  return Math.round(WIDTH ** (bucket + 0.5));
}

/** The bucket a duration falls in, as the database computes it. */
export function bucketOf(seconds: number): number {
  return Math.floor(Math.log(Math.max(seconds, 1)) / Math.log(WIDTH));
}

/**
 * The p-quantile (0 < p <= 1) with percentile_disc's definition: the first value whose position reaches
 * p × count. Answers the middle of its bucket, or null with nothing counted.
 */
export function percentileSeconds(histogram: ReadonlyMap<number, number>, p: number): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (!total) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket)!;
    if (seen >= rank) return bucketMiddleSeconds(bucket);
  }
  return null;
}
