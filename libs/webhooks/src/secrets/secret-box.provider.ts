import type { Provider } from '@nestjs/common';
import { Env } from '#kyc/common';
import { SecretBox } from './secret-box.js';

/** The subscription API seals secrets and the relay opens them: one key, from the settings. */
export const secretBoxProvider: Provider = {
  provide: SecretBox,
  inject: [Env],
  useFactory: (env: Env) => new SecretBox(env.WEBHOOK_SECRET_KEY!),
};
