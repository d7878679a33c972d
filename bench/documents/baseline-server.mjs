// Baseline for bench/documents: the least a Node server can do to serve a stored file. Raw Fastify, no
// Nest, no auth, no database, no checksum: stat the file, then stream it from disk with
// fs.createReadStream and the same headers the api sends (Content-Type, Content-Length,
// Content-Disposition, ETag, Cache-Control, X-Content-Type-Options), on the api's URL shape.
//
// Env: FILE_PATH (the file served), CONTENT_TYPE (application/pdf), CONTENT_DISPOSITION (the api's header
// value, so both sides send the same bytes), ETAG (the api's, a quoted SHA-256, computed once by the
// benchmark: the baseline never hashes), PORT, HOST (127.0.0.1).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import Fastify from 'fastify';

const FILE_PATH = process.env.FILE_PATH;
if (!FILE_PATH) {
  process.stderr.write('baseline-server: FILE_PATH is required\n');
  process.exit(2);
}
const CONTENT_TYPE = process.env.CONTENT_TYPE ?? 'application/pdf';
const CONTENT_DISPOSITION = process.env.CONTENT_DISPOSITION ?? 'attachment; filename="document.pdf"';
const ETAG = process.env.ETAG ?? '"baseline"';

const app = Fastify({ logger: false });

app.get('/health', async () => ({ status: 'ok' }));

app.get('/v1/persons/:person_id/documents/:id/file', async (_req, reply) => {
  const { size } = await stat(FILE_PATH);
  return reply
    .status(200)
    .header('etag', ETAG)
    .header('cache-control', 'private, no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('content-type', CONTENT_TYPE)
    .header('content-length', String(size))
    .header('content-disposition', CONTENT_DISPOSITION)
    .send(createReadStream(FILE_PATH));
});

await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });

for (const sig of ['SIGTERM', 'SIGINT']) {
  process.once(sig, () => {
    void app.close().then(() => process.exit(0));
  });
}
