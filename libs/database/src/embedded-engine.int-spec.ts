import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { type EmbeddedEngine, startEmbeddedEngine } from './embedded-engine.js';

/**
 * The embedded engine serves every connection from one PGlite session. A client that dies while it
 * holds that session (inside a transaction, or between the messages of one extended-protocol batch)
 * must leave nothing behind: its work is rolled back, as a PostgreSQL server rolls back a dead backend's,
 * and the other connections go on. Always on the embedded engine, whatever DATABASE_URL says.
 */

/** A raw wire-protocol client, to die at exactly the point a test wants. */
class RawClient {
  private constructor(private readonly socket: Socket) {}

  static async open(url: string): Promise<RawClient> {
    const u = new URL(url);
    const socket = connect(Number(u.port), u.hostname);
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new RawClient(socket);
    const params = Buffer.from('user\0postgres\0database\0postgres\0\0', 'latin1');
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + params.length, 0);
    startup.writeInt32BE(0x00030000, 4);
    await client.send(Buffer.concat([startup, params]), 'Z');
    return client;
  }

  private message(type: string, body: string): Buffer {
    const b = Buffer.from(body, 'latin1');
    const head = Buffer.alloc(5);
    head.write(type, 0, 'latin1');
    head.writeInt32BE(4 + b.length, 1);
    return Buffer.concat([head, b]);
  }

  /** Parse, Bind and Execute one statement, without the Sync that ends the batch. */
  unsyncedBatch(sql: string): Buffer {
    return Buffer.concat([
      this.message('P', `\0${sql}\0\0\0`),
      this.message('B', '\0\0\0\0\0\0\0\0'),
      this.message('E', '\0\0\0\0\0'),
    ]);
  }

  query(sql: string): Promise<string> {
    return this.send(this.message('Q', `${sql}\0`), 'Z');
  }

  /** Write, then wait until the replies received contain `until` (a message type) or 2 s pass. */
  async send(bytes: Buffer, until?: string): Promise<string> {
    let got = '';
    const collect = (d: Buffer) => (got += d.toString('latin1'));
    this.socket.on('data', collect);
    this.socket.write(bytes);
    for (let i = 0; i < 40 && !(until && got.includes(until)); i++) await sleep(50);
    this.socket.off('data', collect);
    return got;
  }

  /** The client vanishes: the socket is reset, as when its process is killed. */
  die(): void {
    this.socket.resetAndDestroy();
  }
}

/** Fails, instead of hanging the suite, when the engine no longer answers. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  return Promise.race([
    work,
    sleep(ms, undefined, { ref: false }).then(() => {
      throw new Error(`the engine did not answer within ${ms} ms`);
    }),
  ]);
}

describe('the embedded engine when a client dies holding the session', () => {
  let dir: string;
  let engine: EmbeddedEngine;
  let other: pg.Client;

  /** What another, healthy connection sees: it must answer, outside any transaction. */
  async function rowsSeenByOthers(): Promise<number[]> {
    const { rows } = await within(3000, other.query<{ v: number }>('SELECT v FROM t ORDER BY v'));
    await within(3000, other.query('BEGIN'));
    await within(3000, other.query('SELECT 1'));
    await within(3000, other.query('COMMIT'));
    return rows.map((r) => r.v);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kyc-engine-'));
    engine = await startEmbeddedEngine(dir, 4);
    other = new pg.Client({ connectionString: engine.url });
    await other.connect();
    await other.query('CREATE TABLE t (v int PRIMARY KEY)');
  }, 60_000);

  beforeEach(async () => {
    await other.query('DELETE FROM t');
    await other.query('INSERT INTO t VALUES (1)');
  });

  afterAll(async () => {
    await other?.end();
    await engine?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rolls back the open transaction of a client process killed with SIGKILL', async () => {
    const script = `
      import pg from 'pg';
      const c = new pg.Client({ connectionString: process.env.URL });
      await c.connect();
      await c.query('BEGIN');
      await c.query('INSERT INTO t VALUES ($1)', [2]);
      process.stdout.write('in transaction\\n');
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH ?? '', URL: engine.url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await within(
      10_000,
      new Promise((resolve) =>
        child.stdout.on('data', (d: Buffer) => d.includes('in transaction') && resolve(0)),
      ),
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await rowsSeenByOthers()).toEqual([1]);
  });

  it('rolls back a transaction whose batch failed and was never synced', async () => {
    const dead = await RawClient.open(engine.url);
    expect(await dead.query('BEGIN')).toContain('BEGIN');
    expect(await dead.query('INSERT INTO t VALUES (3)')).toContain('INSERT 0 1');
    expect(await dead.send(dead.unsyncedBatch('INSERT INTO t VALUES (1)'), 'E')).toContain('23505');
    dead.die();
    // Before: the session stayed in the aborted transaction ("current transaction is aborted" for all).
    expect(await rowsSeenByOthers()).toEqual([1]);
  });

  it('ends a failed unsynced batch outside a transaction, so other connections are answered', async () => {
    const dead = await RawClient.open(engine.url);
    expect(await dead.send(dead.unsyncedBatch('INSERT INTO t VALUES (1)'), 'E')).toContain('23505');
    dead.die();
    // Before: the backend skipped every message until a Sync, and a simple query waited forever.
    expect(await rowsSeenByOthers()).toEqual([1]);
  });

  it('does not commit the write of an unsynced batch whose client died', async () => {
    const dead = await RawClient.open(engine.url);
    expect(await dead.send(dead.unsyncedBatch('INSERT INTO t VALUES (4)'), 'C')).toContain('INSERT 0 1');
    dead.die();
    // Before: the next connection's statements committed it, though the client never saw a commit.
    expect(await rowsSeenByOthers()).toEqual([1]);
  });

  it('rolls back the transaction of a client that dies between batches', async () => {
    const dead = await RawClient.open(engine.url);
    await dead.query('BEGIN');
    expect(await dead.query('INSERT INTO t VALUES (5)')).toContain('INSERT 0 1');
    dead.die();
    expect(await rowsSeenByOthers()).toEqual([1]);
    // The engine serves new connections as before.
    const next = new pg.Client({ connectionString: engine.url });
    await next.connect();
    await next.query('INSERT INTO t VALUES ($1)', [6]);
    await next.end();
    expect(await rowsSeenByOthers()).toEqual([1, 6]);
  });
});
