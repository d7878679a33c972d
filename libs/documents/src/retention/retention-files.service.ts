import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DocumentStorage } from '../storage/index.js';

/** What one pass over the queue did. */
export interface FileRemovals {
  removed: number;
  failed: number;
  more: boolean;
}

/**
 * Removes the stored files of document rows the retention erasure deleted. The erasure queues their keys in
 * `retention_file_deletions` in its own transaction; the files go after it commits, so a rolled-back erasure
 * never loses a file. A key leaves the queue only once its file is gone (`remove` is idempotent); a failure
 * keeps it with its error's name, and the next run tries again.
 */
@Injectable()
export class RetentionFilesService {
  private readonly log = new Logger(RetentionFilesService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly storage: DocumentStorage,
  ) {}

  /** How many files wait for removal. */
  async pending(): Promise<number> {
    const [row] = await this.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM retention_file_deletions`,
    );
    return row.n;
  }

  /** Remove up to `limit` queued files, those tried least often first. */
  async removeQueued(limit: number): Promise<FileRemovals> {
    const keys = await this.ds.query<{ storage_key: string }[]>(
      `SELECT storage_key FROM retention_file_deletions ORDER BY attempts, queued_at, storage_key LIMIT $1`,
      [limit],
    );
    let removed = 0;
    let failed = 0;
    for (const { storage_key: key } of keys) {
      try {
        await this.storage.remove(key);
        await this.ds.query(`DELETE FROM retention_file_deletions WHERE storage_key = $1`, [key]);
        removed++;
      } catch (err) {
        const name = err instanceof Error ? err.name : 'Error';
        this.log.warn(`retention: removing a stored file failed (${name}); the next run tries again`);
        await this.ds.query(
          `UPDATE retention_file_deletions SET attempts = attempts + 1, last_error = $2 WHERE storage_key = $1`,
          [key, name],
        );
        failed++;
      }
    }
    return { removed, failed, more: keys.length === limit && failed < keys.length };
  }
}
