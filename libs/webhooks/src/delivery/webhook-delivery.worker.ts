import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Clock, Env, Ticker } from '#kyc/common';
import { SecretBox, signBody } from '../secrets/secret-box.js';
import { nextAttemptAt } from './backoff.js';
import { type AttemptRecord, type ClaimedDelivery, DeliveriesRepository } from './deliveries.repository.js';
import { postWebhook, type PostOutcome } from './http-post.js';
import { claimLeaseMs } from './lease.js';
import { CLAIM_BATCH, CLAIM_LANES, FAN_OUT_BATCH, SEND_CONCURRENCY } from './relay-limits.js';
import { Slots } from './slots.js';

const OPENED_SECRETS_MAX = 10_000;

/**
 * The outbound relay: fans new outbox rows out into deliveries, claims due deliveries under a lease,
 * sends each with no transaction open, and records every attempt. Runs in the api process on a timer
 * (WEBHOOK_TICK_MS; 0 leaves it to `drain()`, as the tests do).
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(WebhookDeliveryWorker.name);
  private readonly ticker = new Ticker(
    () => this.drain(),
    (e: unknown) => this.log.error(`webhook delivery failed: ${(e as Error).name}`),
  );
  private readonly sendSlots = new Slots(SEND_CONCURRENCY);
  private readonly openedSecrets = new Map<string, string>();
  private fannedOutAt = -Infinity;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  onApplicationBootstrap(): void {
    this.ticker.start(this.env.WEBHOOK_TICK_MS);
  }

  async onModuleDestroy(): Promise<void> {
    await this.ticker.stop();
  }

  /** Run once in the background unless a run is in progress; never throws. */
  kick(): void {
    this.ticker.kick();
  }

  /**
   * Fan out and send until nothing is due now; answers how many attempts were made. CLAIM_LANES loops
   * claim, send and record batches side by side, so one's database round trips overlap another's
   * sending; together they keep at most SEND_CONCURRENCY requests in flight. Claimed deliveries stay
   * pending under their lease until recorded, so a loop never claims what another holds, nor a later
   * event of the same subscription and entity.
   */
  async drain(): Promise<number> {
    await this.fanOutAll(this.clock.now());
    const lanes = await Promise.allSettled(Array.from({ length: CLAIM_LANES }, () => this.lane()));
    const failed = lanes.find((l) => l.status === 'rejected');
    if (failed) throw failed.reason;
    return lanes.reduce((n, l) => n + (l.status === 'fulfilled' ? l.value : 0), 0);
  }

  private async lane(): Promise<number> {
    let attempts = 0;
    let results: AttemptRecord[] = [];
    for (;;) {
      const now = this.clock.now();
      if (this.ticker.stopped) {
        await this.deliveries.record(results, now);
        return attempts;
      }
      // Events written meanwhile are fanned out as often as a new drain would (WEBHOOK_TICK_MS).
      if (performance.now() - this.fannedOutAt >= this.env.WEBHOOK_TICK_MS) await this.fanOutAll(now);
      // The last batch's attempts are recorded in the transaction that claims the next one.
      const claimed = await this.deliveries.claimDue(
        CLAIM_BATCH,
        now,
        claimLeaseMs(this.env.WEBHOOK_TIMEOUT_MS, Math.ceil((CLAIM_LANES * CLAIM_BATCH) / SEND_CONCURRENCY)),
        {
          results,
          at: now,
        },
      );
      if (!claimed.length) return attempts;
      attempts += claimed.length;
      results = await Promise.all(claimed.map((d) => this.sendSlots.run(() => this.attempt(d))));
    }
  }

  /** New outbox rows into deliveries; a call that takes less than a full batch took all there was. */
  private async fanOutAll(now: Date): Promise<void> {
    this.fannedOutAt = performance.now();
    while ((await this.deliveries.fanOut(FAN_OUT_BATCH, now)) === FAN_OUT_BATCH);
  }

  /**
   * The secret of a subscription, opened once and kept: the process holds the key that opens them all
   * anyway. The cache starts over when it is full.
   */
  private secret(sealed: string): string {
    let plain = this.openedSecrets.get(sealed);
    if (plain === undefined) {
      if (this.openedSecrets.size >= OPENED_SECRETS_MAX) this.openedSecrets.clear();
      plain = this.secrets.open(sealed);
      this.openedSecrets.set(sealed, plain);
    }
    return plain;
  }

  private async attempt(d: ClaimedDelivery): Promise<AttemptRecord> {
    const startedAt = this.clock.now();
    const body = Buffer.from(d.body, 'utf8');
    let outcome: PostOutcome;
    try {
      outcome = await postWebhook(d.url, {
        body,
        timeoutMs: this.env.WEBHOOK_TIMEOUT_MS,
        allowPrivate: this.env.ALLOW_PRIVATE_WEBHOOK_TARGETS === 'true',
        headers: {
          'content-type': 'application/json',
          'solaris-webhook-event-type': d.event_type,
          'solaris-webhook-id': d.webhook_id,
          'solaris-webhook-attempt': String(d.attempts),
          'solaris-webhook-subscription-id': d.subscription_id,
          'solaris-entity-id': d.entity_id,
          'solaris-webhook-signature': signBody(this.secret(d.secret_encrypted), body),
          // The request that caused the event, so a partner's support can name it (the body is Solaris').
          ...(d.request_id ? { 'x-request-id': d.request_id } : {}),
        },
      });
    } catch (e) {
      outcome = { error: (e as Error).name, latencyMs: 0 };
    }
    return this.judge(d, startedAt, outcome);
  }

  /** 2xx delivered; 410 cancels the subscription; 422 rejected; anything else retried until the window closes. */
  private judge(d: ClaimedDelivery, startedAt: Date, o: PostOutcome): AttemptRecord {
    const base = {
      deliveryId: d.id,
      subscriptionId: d.subscription_id,
      attempt: d.attempts,
      startedAt,
      latencyMs: o.latencyMs,
      responseStatus: o.status,
      responseHead: o.head,
      error: o.error,
      cancelSubscription: false,
    };
    const s = o.status;
    if (s !== undefined && s >= 200 && s < 300) return { ...base, status: 'delivered' };
    if (s === 410) return { ...base, status: 'canceled', cancelSubscription: true };
    if (s === 422) return { ...base, status: 'rejected' };
    const next = nextAttemptAt(
      new Date(d.first_attempt_at),
      d.attempts,
      this.clock.now(),
      Math.random,
      this.env.WEBHOOK_RETRY_BASE_MS,
      this.env.WEBHOOK_RETRY_CAP_MS,
    );
    if (!next) this.log.warn(`webhook delivery ${d.id} failed after ${d.attempts} attempts (dead letter)`);
    return next ? { ...base, status: 'pending', nextAttemptAt: next } : { ...base, status: 'failed' };
  }
}
