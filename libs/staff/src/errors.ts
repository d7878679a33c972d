import { DomainError } from '#kyc/common';

/** 401: the password was right, and the account has a second factor: send `otp` too. */
export class MfaRequiredError extends DomainError {
  readonly status = 401;
  readonly code = 'mfa_required';
  readonly title = 'MFA Required';
}

/** 403: the role must enrol a second factor before anything else (MFA_REQUIRED). */
export class MfaEnrolmentRequiredError extends DomainError {
  readonly status = 403;
  readonly code = 'mfa_enrolment_required';
  readonly title = 'MFA Enrolment Required';
}
