import type { FastifyReply } from 'fastify';

/**
 * A reply sent from an onRequest hook, once it has ended: return this from the hook. Returning the reply
 * itself makes Fastify wait for its end, but a client that goes away first (a browser cancelling a download
 * as it navigates) also counts as the end; Fastify then found the reply unsent and routed the request on to
 * its handler or the 404 handler, whose second answer on the closed socket ended in an uncaught error
 * (console-review browser test, CI 2026-11-28). Hijacking the dead reply stops the request there.
 */
export async function answeredInHook(reply: FastifyReply): Promise<FastifyReply> {
  await reply;
  if (!reply.sent) reply.hijack();
  return reply;
}
