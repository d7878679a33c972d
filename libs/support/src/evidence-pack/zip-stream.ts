import { PassThrough, type Readable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/**
 * A zip written as a stream: entries are added one after another and their bytes go out as they come,
 * with backpressure, so a pack of a few hundred MB never sits in memory. No Zip64: entries and the whole
 * archive stay under 4 GiB.
 */
export class ZipStream {
  readonly output = new PassThrough();
  private readonly zip: Zip;

  constructor(private readonly mtime: Date) {
    this.zip = new Zip((error, chunk, final) => {
      if (error) return void this.output.destroy(error);
      this.output.write(chunk);
      if (final) this.output.end();
    });
  }

  /** True once the reader went away (client disconnected) or the stream failed. */
  get closed(): boolean {
    return this.output.destroyed;
  }

  /** A small file (JSON), deflated. */
  async addBuffer(path: string, data: Buffer, deflate = true): Promise<void> {
    const entry = deflate ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    entry.mtime = this.mtime;
    this.zip.add(entry);
    entry.push(data, true);
    await this.drained();
  }

  /** A stored file copied from `source` as is; `onChunk` sees every byte (to hash it). */
  async addStream(path: string, source: Readable, onChunk: (chunk: Buffer) => void): Promise<void> {
    const entry = new ZipPassThrough(path);
    entry.mtime = this.mtime;
    this.zip.add(entry);
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        if (this.closed) throw new Error('the pack stream was closed');
        onChunk(chunk);
        entry.push(chunk);
        await this.drained();
      }
    } finally {
      source.destroy();
    }
    entry.push(new Uint8Array(0), true);
    await this.drained();
  }

  end(): void {
    this.zip.end();
  }

  fail(error: Error): void {
    this.zip.terminate();
    this.output.destroy(error);
  }

  private async drained(): Promise<void> {
    if (!this.output.writableNeedDrain || this.closed) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.output.off('drain', done).off('close', done);
        resolve();
      };
      this.output.on('drain', done).on('close', done);
    });
  }
}
