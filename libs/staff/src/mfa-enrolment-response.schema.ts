import { ApiProperty } from '@nestjs/swagger';

/** The start of TOTP enrolment: a new secret, as text, as an otpauth URL and as a QR code. */
export class MfaSetupResponseBody {
  @ApiProperty({ description: 'The TOTP secret (base32), for typing into the authenticator app' })
  secret: string;
  @ApiProperty({ description: 'otpauth://totp/… URL of the same secret' }) otpauth_url: string;
  @ApiProperty({ description: 'The otpauth URL as a QR code, an SVG document' }) qr_svg: string;
}

/** Enrolment confirmed: the one-time recovery codes, shown this once. */
export class MfaConfirmResponseBody {
  @ApiProperty({ type: [String], description: '10 codes `xxxx-xxxx`, each usable once instead of an OTP' })
  recovery_codes: string[];
}
