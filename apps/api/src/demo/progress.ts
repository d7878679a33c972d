/** Where the bar is drawn: stderr, or anything with write() and isTTY (tests). */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const WIDTH = 30;

/**
 * A progress bar: on a terminal one line redrawn in place; elsewhere (CI logs, pipes) one line per
 * 10 % so logs stay short.
 */
export class ProgressBar {
  private lastTenth = 0;
  private lastDrawn = '';

  constructor(
    private readonly stream: ProgressStream,
    private readonly label: string,
  ) {}

  update(done: number, total: number): void {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const percent = Math.floor(share * 100);
    if (this.stream.isTTY) {
      const filled = Math.round(share * WIDTH);
      const line = `${this.label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(percent).padStart(3)}% ${done}/${total}`;
      if (line === this.lastDrawn) return;
      this.lastDrawn = line;
      this.stream.write(`\r${line}`);
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth <= this.lastTenth) return;
    this.lastTenth = tenth;
    this.stream.write(`${this.label}: ${tenth * 10}% (${done}/${total})\n`);
  }

  /** Ends the redrawn line, so what follows starts on a line of its own. */
  finish(): void {
    if (this.stream.isTTY && this.lastDrawn) this.stream.write('\n');
  }
}
