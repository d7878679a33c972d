import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Env } from '#kyc/common';
import { CurrentStaff, PublicAdminRoute, RequirePermission } from './access/admin-route.decorator.js';
import { can, PERMISSIONS, type Permission } from './access/permissions.js';
import type { StaffPrincipal, StaffRequest } from './access/staff-principal.js';
import { LoginDto, MfaConfirmDto, type MeResponse } from './dto/login.dto.js';
import { MfaService } from './mfa/mfa.service.js';
import { MfaConfirmResponseBody, MfaSetupResponseBody } from './mfa-enrolment-response.schema.js';
import { cookie, CSRF_COOKIE, SESSION_COOKIE } from './sessions/session-tokens.js';
import { StaffSessionsService } from './sessions/staff-sessions.service.js';
import { StaffLoginResponseBody, StaffSessionResponseBody } from './staff-session-response.schema.js';

const origin = (req: StaffRequest) => ({ requestId: String(req.id), ip: req.ip });

@ApiTags('admin: session')
@Controller('admin/auth')
export class StaffAuthController {
  constructor(
    private readonly sessions: StaffSessionsService,
    private readonly mfa: MfaService,
    private readonly env: Env,
  ) {}

  @Post('login')
  @HttpCode(200)
  @PublicAdminRoute()
  @ApiOperation({ summary: 'Sign in: sets the HttpOnly session cookie and the CSRF cookie' })
  @ApiOkResponse({ type: StaffLoginResponseBody })
  async login(
    @Body() dto: LoginDto,
    @Req() req: StaffRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeResponse & { csrf_token: string }> {
    const s = await this.sessions.login(dto.email, dto.password, dto.otp, origin(req));
    const secure = this.env.APP_ENV === 'production';
    void reply.header('set-cookie', [
      cookie(SESSION_COOKIE, s.token, { httpOnly: true, secure, maxAgeSeconds: s.maxAgeSeconds }),
      cookie(CSRF_COOKIE, s.csrfToken, { httpOnly: false, secure, maxAgeSeconds: s.maxAgeSeconds }),
    ]);
    return { ...me(s.principal), csrf_token: s.csrfToken };
  }

  @Post('logout')
  @HttpCode(204)
  @RequirePermission('session.self')
  @ApiOperation({ summary: 'Sign out: the session is revoked at once' })
  @ApiNoContentResponse({ description: 'Signed out, both cookies cleared; no body' })
  async logout(
    @CurrentStaff() staff: StaffPrincipal,
    @Req() req: StaffRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.sessions.logout(staff, origin(req));
    const secure = this.env.APP_ENV === 'production';
    void reply.header('set-cookie', [
      cookie(SESSION_COOKIE, '', { httpOnly: true, secure, maxAgeSeconds: 0 }),
      cookie(CSRF_COOKIE, '', { httpOnly: false, secure, maxAgeSeconds: 0 }),
    ]);
  }

  @Get('me')
  @RequirePermission('session.self')
  @ApiOperation({ summary: 'The signed-in staff member and the actions the role allows' })
  @ApiOkResponse({ type: StaffSessionResponseBody })
  me(@CurrentStaff() staff: StaffPrincipal): MeResponse {
    return me(staff);
  }

  @Post('mfa/setup')
  @HttpCode(200)
  @RequirePermission('session.self')
  @ApiOperation({ summary: 'Start TOTP enrolment: a new secret, its otpauth URL and a QR code (SVG)' })
  @ApiOkResponse({ type: MfaSetupResponseBody })
  mfaSetup(@CurrentStaff() staff: StaffPrincipal) {
    return this.mfa.setup(staff);
  }

  @Post('mfa/confirm')
  @HttpCode(200)
  @RequirePermission('session.self')
  @ApiOperation({
    summary: 'Confirm enrolment with a current code; answers 10 one-time recovery codes, shown once',
  })
  @ApiOkResponse({ type: MfaConfirmResponseBody })
  mfaConfirm(@CurrentStaff() staff: StaffPrincipal, @Body() dto: MfaConfirmDto, @Req() req: StaffRequest) {
    return this.mfa.confirm(staff, dto.otp, origin(req));
  }
}

function me(p: StaffPrincipal): MeResponse {
  return {
    id: p.userId,
    email: p.email,
    display_name: p.displayName,
    role: p.role,
    permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((k) => can(p.role, k)),
    mfa_enabled: p.mfaEnabled,
    mfa_enrolment_required: p.mfaEnrolmentRequired,
  };
}
