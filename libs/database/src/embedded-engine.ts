import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedEngine {
  /** postgres:// URL the ordinary `pg` driver connects to: the same code path as a real server. */
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL compiled to WebAssembly, persisted under `dataDir` and served on 127.0.0.1 through the
 * wire protocol. One backend serves all pooled connections: transactions are serialised.
 */
export async function startEmbeddedEngine(dataDir: string, maxConnections: number): Promise<EmbeddedEngine> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const lock = takeLock(join(dir, 'engine.pid'));
  const db = await PGlite.create(join(dir, 'pgdata'), {
    extensions: { uuid_ossp, pgcrypto, pg_trgm, unaccent },
  });
  // Extra connections beyond maxConnections are refused and crash `pg`; keep headroom over the pool.
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: 0,
    maxConnections: maxConnections + 4,
  });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@${host}:${port}/postgres`,
    dataDir: dir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      lock.release();
    },
  };
}

/** Two processes on one data directory would corrupt it; the second is refused with a clear message. */
function takeLock(path: string): { release(): void } {
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(path, 'utf8'));
  } catch {
    /* no lock file */
  }
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new Error(
      `The embedded database in ${path.replace(/engine\.pid$/, '')} is in use by process ${holder}. Stop it first, or set DATABASE_URL.`,
    );
  }
  writeFileSync(path, String(process.pid));
  return { release: () => rmSync(path, { force: true }) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
