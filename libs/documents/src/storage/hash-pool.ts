import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Runs in each worker: hashes an open file by its descriptor with positional reads (the descriptor is
 * the caller's, so what is hashed is exactly what is then served), never past `limit` bytes.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readSync } = require('node:fs');
const { createHash } = require('node:crypto');
const buffer = Buffer.allocUnsafe(1024 * 1024);
parentPort.on('message', ({ id, fd, limit }) => {
  try {
    const hash = createHash('sha256');
    let position = 0;
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, position);
      if (n === 0) break;
      hash.update(buffer.subarray(0, n));
      position += n;
      if (position > limit) break;
    }
    parentPort.postMessage({ id, sha256: hash.digest('hex'), bytes: position });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.code) || error) });
  }
});`;

interface Job {
  resolve: (r: { sha256: string; bytes: number }) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}

/**
 * SHA-256 of whole files off the event loop: a few worker threads (one per core beyond the first, at
 * least one) so that checking a 10 MiB document before serving it does not stall every other request.
 * Workers start on first use and never keep the process alive.
 */
export class HashPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;

  constructor(private readonly size = Math.max(1, Math.min(4, availableParallelism() - 1))) {}

  hashFd(fd: number, limit: number): Promise<{ sha256: string; bytes: number }> {
    const slot = this.leastBusy();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // Referenced while it has work (an awaited hash keeps the process alive), unreferenced when idle.
      if (slot.jobs.size === 0) slot.worker.ref();
      slot.jobs.set(id, { resolve, reject });
      slot.worker.postMessage({ id, fd, limit });
    });
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private leastBusy(): Slot {
    if (this.slots.length < this.size && this.slots.every((s) => s.jobs.size > 0))
      this.slots.push(this.spawn());
    return this.slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    const slot: Slot = { worker, jobs: new Map() };
    worker.on('message', (m: { id: number; sha256?: string; bytes?: number; error?: string }) => {
      const job = slot.jobs.get(m.id);
      slot.jobs.delete(m.id);
      if (slot.jobs.size === 0) worker.unref();
      if (!job) return;
      if (m.error !== undefined) job.reject(new Error(`hashing failed: ${m.error}`));
      else job.resolve({ sha256: m.sha256!, bytes: m.bytes! });
    });
    const fail = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      for (const job of slot.jobs.values()) job.reject(error);
      slot.jobs.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`hash worker exited (${code})`)));
    // After the listeners: attaching a 'message' listener refs the worker again.
    worker.unref();
    return slot;
  }
}
