import { CronTime } from 'cron';

/** A cron expression read once, in UTC. */
export class Schedule {
  private readonly time: CronTime;

  constructor(readonly expression: string) {
    this.time = new CronTime(expression, 'UTC');
  }

  /** The first slot strictly after `after`. */
  next(after: Date): Date {
    return this.time.getNextDateFrom(after).toJSDate();
  }

  /** The time between two slots near `at` (for a daily job a day): sizes the catch-up window. */
  period(at: Date): number {
    const first = this.next(at);
    return this.next(first).getTime() - first.getTime();
  }

  /** Slots in (after, until], oldest first, at most `max` of them. */
  between(after: Date, until: Date, max: number): Date[] {
    const out: Date[] = [];
    for (let s = this.next(after); s <= until && out.length < max; s = this.next(s)) out.push(s);
    return out;
  }
}

/** Whether `expression` is a cron expression the scheduler accepts; the reason when not. */
export function cronProblem(expression: string): string | null {
  const { valid, error } = CronTime.validateCronExpression(expression);
  return valid ? null : (error?.message ?? 'not a cron expression');
}
