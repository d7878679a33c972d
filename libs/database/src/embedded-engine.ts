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
  keepBatchesTogether(server, db);
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

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  onData(data: Uint8Array): void;
  resolve(bytes: number): void;
  reject(err: unknown): void;
}

interface QueueInternals {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/** Parse, Bind, Describe, Execute, Close, Flush: a batch is under way until its Sync. */
const BATCH_PARTS = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

/**
 * pglite-socket 0.2.x runs the messages of concurrent connections one at a time in arrival order, and
 * keeps the backend with one connection only inside a transaction. A Parse/Bind/Execute/Sync batch of
 * one connection can then run in the middle of another's: the shared unnamed statement is replaced and
 * buffered replies go to the wrong socket, so a pooled client waits forever (electric-sql/pglite#1046;
 * 20 concurrent person creates hung). Here the backend also stays with a connection until its batch is
 * synced, and a failing message no longer stops the queue for good.
 */
function keepBatchesTogether(server: PGLiteSocketServer, db: PGlite): void {
  const q = (server as unknown as { queryQueue: QueueInternals }).queryQueue;
  q.processQueue = async function processQueue(this: QueueInternals) {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = this.lastHandlerId;
        const index = owner === null ? 0 : this.queue.findIndex((m) => m.handlerId === owner);
        if (index === -1) return; // the owner's next message restarts the queue when it arrives
        const [item] = this.queue.splice(index, 1) as [QueuedMessage];
        let bytes = 0;
        try {
          await db.runExclusive(() =>
            db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (err) {
          this.lastHandlerId = db.isInTransaction() ? item.handlerId : null;
          item.reject(err);
          continue;
        }
        const midBatch = BATCH_PARTS.has(item.message[0] ?? 0);
        this.lastHandlerId = midBatch || db.isInTransaction() ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
  // A connection that goes away mid-batch must not keep the backend (a transaction is rolled back by pglite-socket).
  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    if (q.lastHandlerId === handlerId && !db.isInTransaction()) {
      q.lastHandlerId = null;
      void q.processQueue();
    }
  };
}
