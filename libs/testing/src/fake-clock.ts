import { Clock } from '#kyc/common';

/** A clock tests move by hand: it stands still until advanced or set. */
export class FakeClock extends Clock {
  private current: number;

  constructor(start: Date | string = new Date()) {
    super();
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }

  set(date: Date | string): Date {
    this.current = new Date(date).getTime();
    return this.now();
  }
}
