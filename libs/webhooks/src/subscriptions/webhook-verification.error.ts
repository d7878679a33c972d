import { DomainError } from '#kyc/common';

/** The url did not answer the subscription's verification ping with a 2xx: nothing was stored. */
export class WebhookVerificationError extends DomainError {
  readonly status = 400;
  readonly code = 'webhook_verification_failed';
  readonly title = 'Webhook Verification Failed';

  constructor(reason: string) {
    super(`The verification request to the url failed: ${reason}.`, {
      field: 'url',
      message: `verification failed: ${reason}`,
    });
  }
}
