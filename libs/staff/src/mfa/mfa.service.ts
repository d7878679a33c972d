import { Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { AuditService } from '#kyc/audit';
import { Clock, ConflictError, Env, SecretBox, ValidationError } from '#kyc/common';
import type { StaffPrincipal } from '../access/staff-principal.js';
import type { RequestOrigin } from '../sessions/staff-sessions.service.js';
import { digest, newToken } from '../sessions/session-tokens.js';
import { type StaffUserRow, StaffUsersRepository } from '../users/staff-users.repository.js';
import { matchTotp, newTotpSecret, otpauthUrl } from './totp.js';

const RECOVERY_CODES = 10;
const RECOVERY_FORMAT = /^[a-z0-9]{4}-[a-z0-9]{4}$/;
const ISSUER = 'KYC back-office';

/** One-time recovery code, `xxxx-xxxx`, lower case letters and digits. */
function newRecoveryCode(): string {
  const raw = newToken()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}`;
}

/** TOTP enrolment (RFC 6238, QR code rendered here), verification at login, and recovery codes. */
@Injectable()
export class MfaService {
  private readonly box: SecretBox;

  constructor(
    private readonly users: StaffUsersRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    env: Env,
  ) {
    this.box = SecretBox.derived(env.WEBHOOK_SECRET_KEY!, 'staff-mfa');
  }

  /** Roles that must have a second factor when MFA_REQUIRED is on. */
  static requiredFor(role: string, env: Env): boolean {
    return env.MFA_REQUIRED === 'true' && (role === 'admin' || role === 'compliance_officer');
  }

  /** A new seed, pending until a code from it is confirmed; the QR code is an SVG made on the server. */
  async setup(p: StaffPrincipal): Promise<{ secret: string; otpauth_url: string; qr_svg: string }> {
    const secret = newTotpSecret();
    await this.users.setPendingMfaSecret(p.userId, this.box.seal(secret));
    const url = otpauthUrl(secret, p.email, ISSUER);
    return { secret, otpauth_url: url, qr_svg: await QRCode.toString(url, { type: 'svg', margin: 1 }) };
  }

  async confirm(
    p: StaffPrincipal,
    otp: string,
    origin: RequestOrigin,
  ): Promise<{ recovery_codes: string[] }> {
    const user = await this.users.findById(p.userId);
    if (!user?.mfa_pending_secret_encrypted) {
      throw new ConflictError('Start the enrolment first: POST /admin/auth/mfa/setup.');
    }
    const step = matchTotp(this.box.open(user.mfa_pending_secret_encrypted), otp, this.clock.now());
    if (step === null) throw ValidationError.field('otp', 'is not the current code of the authenticator app');
    const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
    await this.users.enableMfa(user.id, step, codes.map(digest), this.clock.now());
    await this.audit.record({
      actorType: 'staff',
      actorId: p.userId,
      role: p.role,
      action: 'staff.mfa_enabled',
      entityType: 'staff_user',
      entityId: p.userId,
      ...origin,
    });
    return { recovery_codes: codes };
  }

  /** A current TOTP code (never the same step twice) or an unspent recovery code. */
  async verify(user: StaffUserRow, otp: string): Promise<boolean> {
    if (!user.mfa_secret_encrypted) return false;
    const code = otp.trim().toLowerCase();
    if (RECOVERY_FORMAT.test(code))
      return this.users.useRecoveryCode(user.id, digest(code), this.clock.now());
    const step = matchTotp(
      this.box.open(user.mfa_secret_encrypted),
      code,
      this.clock.now(),
      Number(user.mfa_last_step),
    );
    return step !== null && (await this.users.useTotpStep(user.id, step));
  }
}
