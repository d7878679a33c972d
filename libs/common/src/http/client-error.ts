import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import { renderError } from '../errors/solaris-error-body.js';

/**
 * Node's HTTP parser rejects some requests before Fastify has a request object: headers or URL too large
 * (431), a malformed request line (400), a client too slow (408). Fastify's default answer is its own JSON
 * shape; this one answers them in the Solaris error shape, then closes the connection as Node does.
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status =
    err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify(renderError({ statusCode: status }).body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
