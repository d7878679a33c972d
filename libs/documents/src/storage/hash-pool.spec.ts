import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { HashPool } from './hash-pool.js';

describe('HashPool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hash-pool-'));
  const pool = new HashPool(2);
  afterAll(async () => {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hashes files through their descriptors in worker threads, several at once', async () => {
    const files = [0, 1, 3_000_000, 1_048_576].map((size, i) => {
      const bytes = Buffer.alloc(size, i + 1);
      const path = join(dir, `f${i}`);
      writeFileSync(path, bytes);
      return { fd: openSync(path, 'r'), bytes };
    });
    try {
      const results = await Promise.all(files.map((f) => pool.hashFd(f.fd, f.bytes.length)));
      expect(results).toStrictEqual(
        files.map((f) => ({
          sha256: createHash('sha256').update(f.bytes).digest('hex'),
          bytes: f.bytes.length,
        })),
      );
    } finally {
      for (const f of files) closeSync(f.fd);
    }
  });

  it('stops reading past the limit, so a grown file is reported longer, not hashed to the end', async () => {
    const path = join(dir, 'grown');
    writeFileSync(path, Buffer.alloc(3 * 1024 * 1024, 9));
    const fd = openSync(path, 'r');
    try {
      const { bytes } = await pool.hashFd(fd, 10);
      expect(bytes).toBeGreaterThan(10);
      expect(bytes).toBeLessThan(3 * 1024 * 1024);
    } finally {
      closeSync(fd);
    }
  });

  it('rejects for a descriptor that is not open', async () => {
    await expect(pool.hashFd(987654, 10)).rejects.toThrow(/hashing failed: EBADF/);
  });
});
