import { Controller, Get, Header, Logger, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Env, NotFoundError, UnauthorizedError } from '#kyc/common';
import { bearerMatches } from './metrics-token.js';
import { MetricsRegistry } from './registry.js';

/**
 * Prometheus scrape endpoint (text format 0.0.4). Off (404) unless METRICS_TOKEN is set; then the
 * scraper sends it as a bearer token.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly log = new Logger(MetricsController.name);

  constructor(
    private readonly env: Env,
    private readonly registry: MetricsRegistry,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('cache-control', 'no-store')
  async scrape(@Req() req: FastifyRequest): Promise<string> {
    const token = this.env.METRICS_TOKEN;
    if (!token) throw new NotFoundError('Route', 'metrics');
    if (!bearerMatches(req.headers.authorization, token))
      throw new UnauthorizedError('A valid metrics bearer token is required.');
    const { text, failed } = await this.registry.render();
    if (failed.length) this.log.warn(`metrics collectors failed: ${failed.join(', ')}`);
    return text;
  }
}
