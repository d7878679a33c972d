import type { AnswerRange } from './types';

const UNITS: [string, number][] = [
  ['d', 86_400],
  ['h', 3_600],
  ['min', 60],
  ['s', 1],
];

/** "45 s", "4 min 12 s", "3 h", "2 d 4 h": the largest unit and the next one, as an officer reads a duration. */
export function humanDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const total = Math.round(Math.max(0, seconds));
  const first = UNITS.findIndex(([, size]) => total >= size);
  if (first < 0) return '0 s';
  const [unit, size] = UNITS[first];
  const parts = [`${Math.floor(total / size)} ${unit}`];
  const next = UNITS[first + 1];
  const rest = next ? Math.floor((total % size) / next[1]) : 0;
  if (next && rest > 0) parts.push(`${rest} ${next[0]}`);
  return parts.join(' ');
}

/** A share (0..1) as a percentage with one decimal, in the console's language. */
export function percent(share: number | null | undefined, locale: string): string {
  if (share === null || share === undefined) return '–';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/**
 * The buckets' axis labels: hours in the browser's time (with the date when the range spans days), days
 * and weeks as the UTC dates the server's buckets start on.
 */
export function bucketLabels(starts: string[], range: AnswerRange, locale: string): string[] {
  const multiDay = Date.parse(range.to) - Date.parse(range.from) > 86_400_000;
  const format =
    range.granularity === 'hour'
      ? new Intl.DateTimeFormat(locale, {
          ...(multiDay ? { day: 'numeric', month: 'short' } : {}),
          hour: '2-digit',
          minute: '2-digit',
        })
      : new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return starts.map((start) => format.format(new Date(start)));
}

/** `top-reasons_2026-11-20T14_2026-11-27T14.csv`: what and which range (whole UTC hours), safe as a file name. */
export function csvFileName(base: string, range: { from: string; to: string } | undefined): string {
  const hour = (iso: string) => iso.slice(0, 13);
  return range ? `${base}_${hour(range.from)}_${hour(range.to)}.csv` : `${base}.csv`;
}
