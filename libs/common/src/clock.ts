/** Time as a dependency, so rules about "today" and delays can be tested without sleeping. */
export abstract class Clock {
  abstract now(): Date;

  /** Today's date in UTC as YYYY-MM-DD. */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
