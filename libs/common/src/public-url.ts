/**
 * Where this back-office is reachable from outside: links handed to customers and the sandbox's
 * callbacks use it. From PUBLIC_URL, or set once the server listens (tests listen on a free port).
 */
export class PublicUrl {
  private current: string | undefined;

  constructor(configured?: string) {
    this.current = configured?.replace(/\/$/, '');
  }

  get value(): string {
    if (!this.current) throw new Error('PublicUrl read before the server listens');
    return this.current;
  }

  /** Called after listen() when PUBLIC_URL is not configured. */
  setIfUnset(url: string): void {
    this.current ??= url.replace(/\/$/, '');
  }
}
