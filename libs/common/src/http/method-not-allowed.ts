import type { FastifyInstance, FastifyRequest } from 'fastify';

interface RoutePattern {
  method: string;
  url: string;
  regex: RegExp;
}

const KEY = 'kycRoutePatterns';

/**
 * Remembers every route pattern per method, so a request for an existing path with the wrong method
 * answers 405 instead of 404 (Fastify itself only knows "no route"). Call before routes are registered.
 */
export function trackRoutes(fastify: FastifyInstance): void {
  const list: RoutePattern[] = [];
  // Decorations are inherited by encapsulated child instances, so req.server always finds the list.
  fastify.decorate(KEY, list);
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const source = route.url
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/:[^/]+/g, '[^/]+')
      .replace(/\*/g, '.*');
    for (const method of methods) list.push({ method, url: route.url, regex: new RegExp(`^${source}/?$`) });
  });
}

export function methodNotAllowed(req: FastifyRequest): boolean {
  const list = (req.server as unknown as Record<string, RoutePattern[] | undefined>)[KEY] ?? [];
  const path = req.url.split('?')[0] ?? '/';
  return list.some((p) => p.method !== req.method && p.method !== 'HEAD' && p.regex.test(path));
}

/** Every route the server answers, as registered (method and URL pattern). */
export function registeredRoutes(fastify: FastifyInstance): { method: string; url: string }[] {
  const list = (fastify as unknown as Record<string, RoutePattern[] | undefined>)[KEY] ?? [];
  return list.map(({ method, url }) => ({ method, url }));
}
