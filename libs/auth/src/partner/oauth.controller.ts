import { Controller, Headers, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBasicAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { BadRequestError, UnauthorizedError } from '#kyc/common';
import { PartnerAuthService, type TokenResponse } from './partner-auth.service.js';
import { TokenResponseBody } from './token-response.schema.js';

interface Credentials {
  grantType?: string;
  clientId?: string;
  clientSecret?: string;
  basic: boolean;
}

/** OAuth2 client credentials as Solaris clients send them: HTTP Basic, a form body or a JSON body. */
@ApiTags('auth')
@Controller('oauth')
export class OAuthController {
  constructor(private readonly auth: PartnerAuthService) {}

  @Post('token')
  @HttpCode(200)
  @ApiBasicAuth()
  @ApiOperation({ summary: 'Issue a bearer token (grant_type=client_credentials)' })
  @ApiOkResponse({ type: TokenResponseBody })
  async token(
    @Req() req: FastifyRequest,
    @Headers('authorization') authorization: string | undefined,
    @Query('grant_type') queryGrant: string | undefined,
  ): Promise<TokenResponse> {
    const c = readCredentials(req.body, authorization, queryGrant);
    if (c.grantType !== 'client_credentials') {
      throw new BadRequestError('grant_type must be client_credentials', {
        field: 'grant_type',
        message: 'must be client_credentials',
      });
    }
    if (!c.clientId || !c.clientSecret) {
      throw new UnauthorizedError(
        'Client credentials are missing: send them as HTTP Basic or client_id/client_secret.',
      );
    }
    try {
      return await this.auth.issueToken(c.clientId, c.clientSecret);
    } catch (e) {
      if (e instanceof UnauthorizedError && c.basic) {
        throw new UnauthorizedError(e.detail, undefined, { 'www-authenticate': 'Basic realm="oauth"' });
      }
      throw e;
    }
  }
}

function readCredentials(
  body: unknown,
  authorization: string | undefined,
  queryGrant: string | undefined,
): Credentials {
  const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const str = (v: unknown) => (typeof v === 'string' && v.length <= 512 ? v : undefined);
  const creds: Credentials = {
    grantType: str(b.grant_type) ?? str(queryGrant),
    clientId: str(b.client_id),
    clientSecret: str(b.client_secret),
    basic: false,
  };
  const basic = authorization && /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization);
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      creds.clientId = formDecode(decoded.slice(0, colon));
      creds.clientSecret = formDecode(decoded.slice(colon + 1));
      creds.basic = true;
    }
  }
  return creds;
}

/** RFC 6749 form-encodes Basic credentials; a value that is not valid percent-encoding is taken as sent. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
