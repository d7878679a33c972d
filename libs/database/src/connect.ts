import { startEmbeddedEngine, type EmbeddedEngine } from './embedded-engine.js';

export interface DatabaseConnection {
  url: string;
  kind: 'embedded' | 'server';
  /** Present in embedded mode: stop it after the app has closed its pool. */
  engine?: EmbeddedEngine;
}

/** DATABASE_URL set: that server. Unset: the embedded engine under DATA_DIR. */
export async function connectDatabase(settings: {
  DATABASE_URL?: string;
  DATA_DIR: string;
  DB_POOL_SIZE: number;
}): Promise<DatabaseConnection> {
  if (settings.DATABASE_URL) return { url: settings.DATABASE_URL, kind: 'server' };
  const engine = await startEmbeddedEngine(settings.DATA_DIR, settings.DB_POOL_SIZE);
  return { url: engine.url, kind: 'embedded', engine };
}
