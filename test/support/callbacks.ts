import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CallbackProcessor } from '#kyc/idnow';

/** Process stored provider callbacks until none is left unprocessed (at most 100 rounds). */
export async function drainCallbacks(app: INestApplication): Promise<void> {
  const processor = app.get(CallbackProcessor);
  for (let i = 0; i < 100; i++) {
    await processor.idle();
    await processor.drain();
    const [{ n }] = await app
      .get(DataSource)
      .query<{ n: number }[]>(`SELECT count(*)::int AS n FROM provider_callbacks WHERE processed_at IS NULL`);
    if (n === 0) return;
  }
}
