import { runDetached } from '../context/correlation.js';

/**
 * Runs a background drain every `everyMs` (0: never by itself, only on `kick()`), one run at a time,
 * never throwing out of the timer; `stop()` waits for the run in flight. What the api and the worker
 * use for their polling loops.
 */
export class Ticker {
  private running: Promise<void> | null = null;
  private timer?: NodeJS.Timeout;
  private stoppedFlag = false;

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  get stopped(): boolean {
    return this.stoppedFlag;
  }

  start(everyMs: number): void {
    if (!everyMs || this.stoppedFlag) return;
    this.timer = setInterval(() => this.kick(), everyMs);
    this.timer.unref();
  }

  /** Run once in the background unless a run is in progress or the ticker stopped. */
  kick(): void {
    if (this.stoppedFlag || this.running) return;
    // A run kicked while handling a request does not belong to that request (nor its request id).
    this.running = runDetached(() => this.run())
      .then(() => undefined)
      .catch(this.onError)
      .finally(() => (this.running = null));
  }

  async stop(): Promise<void> {
    this.stoppedFlag = true;
    clearInterval(this.timer);
    while (this.running) await this.running;
  }
}
