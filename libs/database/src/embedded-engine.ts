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

/** Another live process holds the data directory (the api, or a CLI command). */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by process ${holder}. Stop it first, or set DATABASE_URL.`,
    );
    this.name = 'DataDirInUseError';
  }
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
    throw new DataDirInUseError(path.replace(/engine\.pid$/, ''), holder);
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
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

/** Parse, Bind, Describe, Execute, Close, Flush: a batch is under way until its Sync. */
const BATCH_PARTS = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

function frontendMessage(type: string, body: Buffer): Uint8Array {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(4 + body.length, 1);
  return new Uint8Array(Buffer.concat([head, body]));
}

/**
 * Ends a dead connection's unsynced batch without committing any of it: a Bind to a statement that
 * cannot exist fails (or is skipped, when the batch has failed already), so the Sync that follows
 * aborts the batch's implicit transaction and leaves an explicit one failed, to be rolled back.
 */
const ABORT_BATCH = new Uint8Array([
  ...frontendMessage('B', Buffer.from('\0kyc_engine_dead_connection\0\0\0\0\0\0\0', 'latin1')),
  ...frontendMessage('S', Buffer.alloc(0)),
]);
const ROLLBACK = frontendMessage('Q', Buffer.from('ROLLBACK\0', 'latin1'));

/**
 * pglite-socket 0.2.x multiplexes every connection onto PGlite's one session and runs their messages
 * one at a time in arrival order, keeping the backend with one connection only inside a transaction.
 * Two things go wrong with that, both fixed here:
 *
 * - A Parse/Bind/Execute/Sync batch of one connection can run in the middle of another's: the shared
 *   unnamed statement is replaced and buffered replies go to the wrong socket, so a pooled client waits
 *   forever (electric-sql/pglite#1046; 20 concurrent person creates hung). The backend now also stays
 *   with a connection until its batch is synced, and a failing message no longer stops the queue.
 * - A connection that goes away (a client process killed, a socket reset) while it holds the backend
 *   leaves the session as it was. pglite-socket sends ROLLBACK, outside the queue, and only when an
 *   explicit transaction is open; mid-batch that is not enough. After an error the backend skips every
 *   message until a Sync, so the ROLLBACK is skipped, every other connection's simple query is ignored
 *   and waits forever, and the session stays in an aborted transaction; without an error, the dead
 *   client's unsynced writes were committed by the next connection's Sync. A PostgreSQL server rolls a
 *   dead backend's work back; here the queue does the same before any other connection runs: it ends
 *   the dead connection's batch (ABORT_BATCH) and rolls back its transaction.
 */
function keepBatchesTogether(server: PGLiteSocketServer, db: PGlite): void {
  const q = (server as unknown as { queryQueue: QueueInternals }).queryQueue;
  /** The backend's owner (lastHandlerId) sent part of a batch and no Sync yet. */
  let midBatch = false;
  /** The connection whose message is executing now. */
  let running: number | null = null;
  /** Connections that went away while holding (or about to hold) the backend. */
  const gone = new Set<number>();
  const run = (message: Uint8Array, onRawData: (data: Uint8Array) => void) =>
    db.runExclusive(() => db.execProtocolRawStream(message, { onRawData }));
  const discard = () => undefined;

  /** Roll back what a dead connection left open, then hand the backend to the others. */
  async function release(queue: QueueInternals, handlerId: number): Promise<void> {
    try {
      if (midBatch) await run(ABORT_BATCH, discard);
      if (db.isInTransaction()) await run(ROLLBACK, discard);
    } catch {
      /* the engine is closing: nothing left to roll back */
    }
    gone.delete(handlerId);
    queue.lastHandlerId = null;
    midBatch = false;
  }

  q.processQueue = async function processQueue(this: QueueInternals) {
    if (this.processing) return;
    this.processing = true;
    try {
      for (;;) {
        const owner = this.lastHandlerId;
        if (owner !== null && gone.has(owner)) {
          await release(this, owner);
          continue;
        }
        if (this.queue.length === 0) return;
        const index = owner === null ? 0 : this.queue.findIndex((m) => m.handlerId === owner);
        if (index === -1) return; // the owner's next message restarts the queue when it arrives
        const [item] = this.queue.splice(index, 1) as [QueuedMessage];
        let bytes = 0;
        running = item.handlerId;
        try {
          await run(item.message, (data: Uint8Array) => {
            bytes += data.length;
            item.onData(data);
          });
        } catch (err) {
          midBatch = false;
          this.lastHandlerId = db.isInTransaction() ? item.handlerId : null;
          if (this.lastHandlerId === null) gone.delete(item.handlerId);
          item.reject(err);
          continue;
        } finally {
          running = null;
        }
        midBatch = BATCH_PARTS.has(item.message[0] ?? 0);
        this.lastHandlerId = midBatch || db.isInTransaction() ? item.handlerId : null;
        if (this.lastHandlerId === null) gone.delete(item.handlerId);
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
  // Called when a connection closes or fails. Its queued messages are dropped (pglite-socket); if it
  // holds the backend, or a message of its is running and may leave it holding it, the queue releases
  // the backend before anyone else runs.
  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    if (q.lastHandlerId === handlerId || running === handlerId) {
      gone.add(handlerId);
      void q.processQueue();
    }
  };
  // pglite-socket's own clean-up ran ROLLBACK outside the queue, racing it; the queue does it above.
  q.clearTransactionIfNeeded = () => Promise.resolve();
}
