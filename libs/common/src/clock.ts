import { AsyncLocalStorage } from 'node:async_hooks';

/** The instant of the innermost `runAt` scope; follows the awaits of the code run inside it. */
const simulated = new AsyncLocalStorage<number>();

/** Time as a dependency, so rules about "today" and delays can be tested without sleeping. */
export abstract class Clock {
  abstract now(): Date;

  /** Today's date in UTC as YYYY-MM-DD. */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  /**
   * Runs `work`, and everything it awaits, at the simulated instant `at`: the system clock answers `at`
   * there instead of the real time. Demo data uses it to write a history through the real services.
   * Timers and incoming requests started elsewhere keep the real time.
   */
  runAt<T>(at: Date, work: () => T): T {
    return simulated.run(at.getTime(), work);
  }

  /** The instant of the enclosing `runAt` scope, if any. */
  protected simulatedNow(): Date | undefined {
    const at = simulated.getStore();
    return at === undefined ? undefined : new Date(at);
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return this.simulatedNow() ?? new Date();
  }
}
