import { timingSafeEqual } from 'node:crypto';
import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { BadRequestError, Env, ForbiddenError, NotFoundError } from '#kyc/common';
import { CallbackIntakeRepository } from './callback-intake.repository.js';
import { CallbackMetrics } from './callback-metrics.js';
import { CallbackProcessor } from './callback-processor.service.js';

const TXN = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * IDnow's callbacks carry no signature: each is stored (deduplicated) and acknowledged at once, then
 * treated as a hint to pull the authoritative result. Optional defences: a secret path segment
 * (IDNOW_CALLBACK_SECRET) and a source-IP allowlist (IDNOW_CALLBACK_IPS).
 */
@ApiExcludeController()
@Controller('providers/idnow')
export class IdnowCallbackController {
  private readonly allowedIps: Set<string> | null;

  constructor(
    private readonly env: Env,
    private readonly intake: CallbackIntakeRepository,
    private readonly processor: CallbackProcessor,
    private readonly metrics: CallbackMetrics,
  ) {
    this.allowedIps = env.IDNOW_CALLBACK_IPS ? new Set(env.IDNOW_CALLBACK_IPS.split(',')) : null;
  }

  @Post('callback')
  @HttpCode(200)
  plain(@Req() req: FastifyRequest, @Body() body: unknown) {
    return this.counted(() => {
      if (this.env.IDNOW_CALLBACK_SECRET) throw new NotFoundError('Route', 'providers/idnow/callback');
      return this.receive(req, body);
    });
  }

  @Post('callback/:secret')
  @HttpCode(200)
  withSecret(@Req() req: FastifyRequest, @Param('secret') secret: string, @Body() body: unknown) {
    return this.counted(() => {
      const expected = this.env.IDNOW_CALLBACK_SECRET;
      if (!expected || !sameSecret(secret, expected))
        throw new NotFoundError('Route', 'providers/idnow/callback');
      return this.receive(req, body);
    });
  }

  /** Every callback is counted: accepted (stored), duplicate (same body again) or rejected (4xx). */
  private async counted(work: () => Promise<boolean>): Promise<{ status: 'received' }> {
    let stored: boolean;
    try {
      stored = await work();
    } catch (e) {
      this.metrics.receivedOne('rejected');
      throw e;
    }
    this.metrics.receivedOne(stored ? 'accepted' : 'duplicate');
    return { status: 'received' };
  }

  /** Answers whether the callback was new (not a duplicate of a stored one). */
  private async receive(req: FastifyRequest, body: unknown): Promise<boolean> {
    if (this.allowedIps && !this.allowedIps.has(normaliseIp(req.ip))) {
      throw new ForbiddenError("Callbacks are accepted only from the provider's addresses.");
    }
    const txn = transactionNumberOf(body);
    const stored = await this.intake.store('idnow', txn, body, req.ip ?? null);
    this.processor.kick();
    return stored;
  }
}

function transactionNumberOf(body: unknown): string {
  const process = (body as { identificationprocess?: { transactionnumber?: unknown } } | null)
    ?.identificationprocess;
  const txn = process?.transactionnumber;
  if (typeof txn !== 'string' || !TXN.test(txn)) {
    throw new BadRequestError(
      'The callback body must be an IDnow identification with identificationprocess.transactionnumber.',
      {
        field: 'identificationprocess.transactionnumber',
        message: 'is missing or invalid',
      },
    );
  }
  return txn;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const normaliseIp = (ip: string) => ip.replace(/^::ffff:/, '');
