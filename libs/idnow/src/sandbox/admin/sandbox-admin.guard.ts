import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Env, ForbiddenError, UnauthorizedError } from '#kyc/common';
import { sameText } from '../api/login-token.js';

/** X-Sandbox-Admin-Token must equal SANDBOX_ADMIN_TOKEN: 401 without it, 403 with a wrong one. */
@Injectable()
export class SandboxAdminGuard implements CanActivate {
  constructor(private readonly env: Env) {}

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers['x-sandbox-admin-token'];
    const given = Array.isArray(header) ? header[0] : header;
    if (!given) throw new UnauthorizedError('Send the sandbox admin token as X-Sandbox-Admin-Token.');
    const expected = this.env.SANDBOX_ADMIN_TOKEN;
    if (!expected || !sameText(given, expected))
      throw new ForbiddenError('The sandbox admin token is not valid.');
    return true;
  }
}
