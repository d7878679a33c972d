import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { AuditService } from '#kyc/audit';
import { Clock, Env, TooManyRequestsError, UnauthorizedError } from '#kyc/common';
import { MfaRequiredError } from '../errors.js';
import { MfaService } from '../mfa/mfa.service.js';
import type { StaffPrincipal } from '../access/staff-principal.js';
import { StaffUsersRepository } from '../users/staff-users.repository.js';
import { LoginThrottleRepository, MAX_FAILURES_PER_ACCOUNT } from './login-throttle.repository.js';
import { digest, matchesDigest, newToken } from './session-tokens.js';
import { StaffSessionsRepository } from './staff-sessions.repository.js';

/** Where a login or a request comes from, for the audit trail. */
export interface RequestOrigin {
  requestId: string;
  ip: string;
}

export interface OpenedSession {
  token: string;
  csrfToken: string;
  maxAgeSeconds: number;
  principal: StaffPrincipal;
}

/** Touch `last_seen_at` at most this often: idle time is measured in minutes, not per request. */
const TOUCH_EVERY_MS = 60_000;

/** Console login, session validation with idle and absolute timeouts, logout. */
@Injectable()
export class StaffSessionsService {
  private dummyHash?: Promise<string>;

  constructor(
    private readonly users: StaffUsersRepository,
    private readonly sessions: StaffSessionsRepository,
    private readonly throttle: LoginThrottleRepository,
    private readonly mfa: MfaService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  /**
   * Password, then the second factor when the account has one. Failures are throttled per account and
   * per IP (429 with Retry-After), and every attempt, failed or not, is audited.
   */
  async login(
    email: string,
    password: string,
    otp: string | undefined,
    origin: RequestOrigin,
  ): Promise<OpenedSession> {
    const emailKey = email.trim().toLowerCase();
    const wait = await this.throttle.retryAfterSeconds(emailKey, origin.ip, this.clock.now());
    const user = await this.users.findByEmail(emailKey);
    if (wait) {
      await this.auditFailure(user?.id ?? null, 'throttled', origin);
      throw new TooManyRequestsError('Too many failed sign-ins: wait before trying again.', wait);
    }
    // An unknown email costs one argon2 verification too, so timing does not tell which emails exist.
    const hash = user?.password_hash ?? (await (this.dummyHash ??= argon2.hash(newToken())));
    const ok = (await argon2.verify(hash, password).catch(() => false)) && user?.status === 'active';
    if (!user || !ok) {
      return this.fail(
        emailKey,
        user?.id ?? null,
        !user ? 'unknown_email' : user.status !== 'active' ? 'disabled' : 'wrong_password',
        origin,
      );
    }
    if (user.mfa_enabled_at) {
      if (!otp)
        throw new MfaRequiredError('Enter the code from your authenticator app (or a recovery code).');
      if (!(await this.mfa.verify(user, otp))) return this.fail(emailKey, user.id, 'wrong_otp', origin);
    }
    await this.throttle.clearAccount(emailKey);
    const now = this.clock.now();
    await this.users.recordLogin(user.id, now);
    const maxAgeSeconds = this.env.STAFF_SESSION_MAX_HOURS * 3600;
    const token = newToken();
    const csrfToken = newToken();
    await this.sessions.insert({
      id: digest(token),
      userId: user.id,
      csrfHash: digest(csrfToken),
      now,
      expiresAt: new Date(now.getTime() + maxAgeSeconds * 1000),
      ip: origin.ip,
    });
    await this.audit.record({
      actorType: 'staff',
      actorId: user.id,
      role: user.role,
      action: 'staff.login',
      entityType: 'staff_user',
      entityId: user.id,
      diff: { mfa: user.mfa_enabled_at ? 'totp' : 'none' },
      ...origin,
    });
    return {
      token,
      csrfToken,
      maxAgeSeconds,
      principal: {
        userId: user.id,
        role: user.role,
        displayName: user.display_name,
        email: user.email,
        sessionId: digest(token),
        mfaEnabled: user.mfa_enabled_at !== null,
        mfaEnrolmentRequired: user.mfa_enabled_at === null && MfaService.requiredFor(user.role, this.env),
      },
    };
  }

  /** The principal of a live session, or null (unknown, revoked, idle too long, past its lifetime). */
  async authenticate(token: string): Promise<(StaffPrincipal & { csrfHash: string }) | null> {
    const now = this.clock.now();
    const row = await this.sessions.findLive(digest(token), now);
    if (!row) return null;
    const idleMs = now.getTime() - new Date(row.last_seen_at).getTime();
    if (idleMs > this.env.STAFF_IDLE_TIMEOUT_MINUTES * 60_000) {
      await this.sessions.revoke(row.id, now);
      return null;
    }
    if (idleMs > TOUCH_EVERY_MS) await this.sessions.touch(row.id, now);
    return {
      userId: row.user_id,
      role: row.role,
      displayName: row.display_name,
      sessionId: row.id,
      csrfHash: row.csrf_hash,
      email: row.email,
      mfaEnabled: row.mfa_enabled,
      mfaEnrolmentRequired: !row.mfa_enabled && MfaService.requiredFor(row.role, this.env),
    };
  }

  private async fail(
    emailKey: string,
    userId: string | null,
    reason: string,
    origin: RequestOrigin,
  ): Promise<never> {
    const failures = await this.throttle.recordFailure(emailKey, origin.ip, this.clock.now());
    await this.auditFailure(userId, reason, origin);
    if (failures === MAX_FAILURES_PER_ACCOUNT && userId) {
      await this.audit.record({
        actorType: 'system',
        action: 'staff.login_locked',
        entityType: 'staff_user',
        entityId: userId,
        diff: { failures, minutes: 15 },
        ...origin,
      });
    }
    throw new UnauthorizedError('The email, password or code is not correct.');
  }

  private auditFailure(userId: string | null, reason: string, origin: RequestOrigin) {
    return this.audit.record({
      actorType: 'staff',
      actorId: userId,
      action: 'staff.login_failed',
      entityType: 'staff_user',
      entityId: userId,
      diff: { reason },
      ...origin,
    });
  }

  csrfMatches(presented: string | undefined, csrfHash: string): boolean {
    return typeof presented === 'string' && presented.length <= 128 && matchesDigest(presented, csrfHash);
  }

  async logout(principal: StaffPrincipal, origin: RequestOrigin): Promise<void> {
    await this.sessions.revoke(principal.sessionId, this.clock.now());
    await this.audit.record({
      actorType: 'staff',
      actorId: principal.userId,
      role: principal.role,
      action: 'staff.logout',
      entityType: 'staff_user',
      entityId: principal.userId,
      ...origin,
    });
  }
}
