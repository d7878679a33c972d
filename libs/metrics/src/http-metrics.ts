import type { FastifyInstance } from 'fastify';
import type { MetricsRegistry } from './registry.js';

/**
 * Request rate and latency by route pattern and status. The route label is the pattern Fastify
 * matched (`/v1/persons/:id`), never the URL, which carries ids and query strings; a request that
 * matched no route is `unmatched`.
 */
export function installHttpMetrics(fastify: FastifyInstance, registry: MetricsRegistry): void {
  const total = registry.counter(
    'http_requests_total',
    'HTTP requests answered, by route pattern and status.',
    ['method', 'route', 'status'],
  );
  const duration = registry.histogram(
    'http_request_duration_seconds',
    'Time to answer an HTTP request, by route pattern.',
    ['method', 'route'],
  );
  fastify.addHook('onResponse', async (req, reply) => {
    const route = (req.routeOptions.url ?? '') || 'unmatched';
    total.inc({ method: req.method, route, status: reply.statusCode });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
}
