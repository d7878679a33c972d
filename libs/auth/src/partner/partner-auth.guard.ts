import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { UnauthorizedError } from '#kyc/common';
import type { TokenOwner } from './partner-auth.repository.js';
import { PartnerAuthService } from './partner-auth.service.js';

type PartnerRequest = FastifyRequest & { partner?: TokenOwner };

/** Every /v1 route: a valid bearer token, whose partner becomes the tenant scope of the request. */
@Injectable()
export class PartnerAuthGuard implements CanActivate {
  constructor(private readonly auth: PartnerAuthService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<PartnerRequest>();
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+([A-Za-z0-9._~+/=-]{16,512})$/i.exec(header) : null;
    if (!match?.[1]) {
      throw new UnauthorizedError('A bearer token is required: get one from POST /oauth/token.', undefined, {
        'www-authenticate': 'Bearer',
      });
    }
    const owner = await this.auth.authenticate(match[1]);
    if (!owner) {
      throw new UnauthorizedError('The access token is invalid or has expired.', undefined, {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
    }
    req.partner = owner;
    return true;
  }
}

/** The partner PartnerAuthGuard authenticated for this request; undefined on any other route. */
export function authenticatedPartnerId(req: FastifyRequest): string | undefined {
  return (req as PartnerRequest).partner?.partnerId;
}

/** The authenticated partner's id: the tenant scope every repository call requires. */
export const PartnerId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const owner = ctx.switchToHttp().getRequest<PartnerRequest>().partner;
  if (!owner) throw new UnauthorizedError('A bearer token is required.');
  return owner.partnerId;
});
