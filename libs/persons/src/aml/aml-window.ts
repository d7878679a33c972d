const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an instant, in UTC (dates of the persons resource are UTC days). */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** The day `days` after `day` (both `YYYY-MM-DD`). */
export function addDays(day: string, days: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** Whole days from `today` to `due` (negative once it is past). */
export function daysLeft(due: string, today: string): number {
  return Math.round((Date.parse(`${due}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/**
 * The AML follow-up window at an instant: a person is due when their follow-up date is on or before
 * `until` (today + `windowDays`), past dates included.
 */
export function followUpWindow(at: Date, windowDays: number): { today: string; until: string } {
  const today = utcDay(at);
  return { today, until: addDays(today, windowDays) };
}
