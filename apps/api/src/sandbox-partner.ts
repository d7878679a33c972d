import type { INestApplicationContext } from '@nestjs/common';
import { PartnerAuthService } from '#kyc/auth';
import type { Env } from '#kyc/common';

export const SANDBOX_PARTNER = { id: 'sandbox', name: 'Sandbox partner' };

/** Sandbox mode: the documented partner client exists and has the configured secret. */
export async function provisionSandboxPartner(app: INestApplicationContext, env: Env): Promise<void> {
  if (env.APP_ENV !== 'sandbox' || !env.PARTNER_CLIENT_ID || !env.PARTNER_CLIENT_SECRET) return;
  await app
    .get(PartnerAuthService)
    .upsertClient(SANDBOX_PARTNER, env.PARTNER_CLIENT_ID, env.PARTNER_CLIENT_SECRET);
}
