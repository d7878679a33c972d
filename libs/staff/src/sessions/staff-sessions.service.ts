import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { AuditService } from '#kyc/audit';
import { Clock, Env, UnauthorizedError } from '#kyc/common';
import type { StaffPrincipal } from '../access/staff-principal.js';
import { StaffUsersRepository } from '../users/staff-users.repository.js';
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
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  async login(email: string, password: string, origin: RequestOrigin): Promise<OpenedSession> {
    const user = await this.users.findByEmail(email);
    // An unknown email costs one argon2 verification too, so timing does not tell which emails exist.
    const hash = user?.password_hash ?? (await (this.dummyHash ??= argon2.hash(newToken())));
    const ok = (await argon2.verify(hash, password).catch(() => false)) && user?.status === 'active';
    if (!user || !ok) {
      await this.audit.record({
        actorType: 'staff',
        actorId: user?.id ?? null,
        action: 'staff.login_failed',
        entityType: 'staff_user',
        entityId: user?.id ?? null,
        diff: { reason: !user ? 'unknown_email' : user.status !== 'active' ? 'disabled' : 'wrong_password' },
        ...origin,
      });
      throw new UnauthorizedError('The email or password is not correct.');
    }
    const now = this.clock.now();
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
    };
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
