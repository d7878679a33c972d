/** A date-time input's value as the ISO 8601 instant the admin API filters take; nothing while incomplete. */
export function toIso(value: string | Date | null): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
