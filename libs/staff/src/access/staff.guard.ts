import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthorizedError } from '#kyc/common';
import { MfaEnrolmentRequiredError } from '../errors.js';
import { CSRF_HEADER, readCookie, SESSION_COOKIE } from '../sessions/session-tokens.js';
import { StaffSessionsService } from '../sessions/staff-sessions.service.js';
import { PERMISSION_KEY, PUBLIC_ADMIN_KEY } from './admin-route.decorator.js';
import { can, type Permission } from './permissions.js';
import type { StaffRequest } from './staff-principal.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Installed globally; acts on every route under /admin. Deny by default: a session is required
 * (401), the route must name an action of the permission matrix that the role holds (403), and a
 * state-changing request must echo the session's CSRF token (403).
 */
@Injectable()
export class StaffGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: StaffSessionsService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<StaffRequest>();
    const route = req.routeOptions.url ?? '';
    if (!route.startsWith('/admin/') && route !== '/admin') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ADMIN_KEY, targets)) return true;

    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session =
      token && /^[A-Za-z0-9_-]{43}$/.test(token) ? await this.sessions.authenticate(token) : null;
    if (!session)
      throw new UnauthorizedError('Sign in to the console first: the session is missing or has ended.');
    const permission = this.reflector.get<Permission | undefined>(PERMISSION_KEY, ctx.getHandler());
    if (!permission || !can(session.role, permission)) {
      throw new ForbiddenError('Your role does not allow this action.');
    }
    if (session.mfaEnrolmentRequired && permission !== 'session.self') {
      throw new MfaEnrolmentRequiredError('Set up a second factor first (POST /admin/auth/mfa/setup).');
    }
    if (!SAFE_METHODS.has(req.method)) {
      const presented = req.headers[CSRF_HEADER];
      if (
        !this.sessions.csrfMatches(typeof presented === 'string' ? presented : undefined, session.csrfHash)
      ) {
        throw new ForbiddenError(`The ${CSRF_HEADER} header must carry the session's CSRF token.`);
      }
    }
    req.staff = {
      userId: session.userId,
      role: session.role,
      displayName: session.displayName,
      email: session.email,
      sessionId: session.sessionId,
      mfaEnabled: session.mfaEnabled,
      mfaEnrolmentRequired: session.mfaEnrolmentRequired,
    };
    return true;
  }
}
