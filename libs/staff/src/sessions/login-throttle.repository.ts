import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Failed logins per account and per IP, in PostgreSQL so the limits hold across api processes. */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

@Injectable()
export class LoginThrottleRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Seconds until another attempt is allowed for this account or IP, or 0. */
  async retryAfterSeconds(emailKey: string, ip: string, now: Date): Promise<number> {
    const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
    const [row] = await this.ds.query<
      { account: number; by_ip: number; account_free: Date | null; ip_free: Date | null }[]
    >(
      `SELECT
         (SELECT count(*)::int FROM staff_login_failures WHERE email_key = $1 AND at > $3) AS account,
         (SELECT count(*)::int FROM staff_login_failures WHERE ip = $2 AND at > $3) AS by_ip,
         (SELECT at FROM staff_login_failures WHERE email_key = $1 AND at > $3 ORDER BY at DESC OFFSET $4 - 1 LIMIT 1) AS account_free,
         (SELECT at FROM staff_login_failures WHERE ip = $2 AND at > $3 ORDER BY at DESC OFFSET $5 - 1 LIMIT 1) AS ip_free`,
      [emailKey, ip, since, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP],
    );
    // Blocked until the failure that filled the window ages out of it.
    const frees = [
      row.account >= MAX_FAILURES_PER_ACCOUNT ? row.account_free : null,
      row.by_ip >= MAX_FAILURES_PER_IP ? row.ip_free : null,
    ].filter((d): d is Date => d !== null);
    if (!frees.length) return 0;
    const until = Math.max(...frees.map((d) => new Date(d).getTime() + THROTTLE_WINDOW_MS));
    return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
  }

  /** Record a failure; answers the account's failures in the window, this one included. */
  async recordFailure(emailKey: string, ip: string, now: Date): Promise<number> {
    await this.ds.query(`INSERT INTO staff_login_failures (email_key, ip, at) VALUES ($1, $2, $3)`, [
      emailKey,
      ip,
      now,
    ]);
    const [{ n }] = await this.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM staff_login_failures WHERE email_key = $1 AND at > $2`,
      [emailKey, new Date(now.getTime() - THROTTLE_WINDOW_MS)],
    );
    return n;
  }

  /** A successful login forgives the account's earlier failures (not the IP's). */
  async clearAccount(emailKey: string): Promise<void> {
    await this.ds.query(`DELETE FROM staff_login_failures WHERE email_key = $1`, [emailKey]);
  }
}
