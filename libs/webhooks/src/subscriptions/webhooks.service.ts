import { Injectable } from '@nestjs/common';
import { Clock, Env, newId, NotFoundError, ValidationError } from '#kyc/common';
import { postWebhook } from '../delivery/http-post.js';
import type { CreateWebhookDto } from '../dto/create-webhook.dto.js';
import { newWebhookSecret, SecretBox } from '../secrets/secret-box.js';
import { refuseTargetUrl } from '../ssrf/target-url.js';
import { SubscriptionsRepository, type SubscriptionRow } from './subscriptions.repository.js';
import { WebhookVerificationError } from './webhook-verification.error.js';

const VERIFY_TIMEOUT_MS = 10_000;

/** Subscriptions: verified by a ping before they exist, immutable after, soft-deleted. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly repo: SubscriptionsRepository,
    private readonly secrets: SecretBox,
    private readonly env: Env,
    private readonly clock: Clock,
  ) {}

  async create(partnerId: string, dto: CreateWebhookDto): Promise<SubscriptionRow & { secret: string }> {
    const allowPrivate = this.env.ALLOW_PRIVATE_WEBHOOK_TARGETS === 'true';
    const refused = refuseTargetUrl(dto.url, { httpsOnly: this.env.APP_ENV === 'production', allowPrivate });
    if (refused) throw ValidationError.field('url', refused);
    // The ping is sent before anything is stored, with no transaction open.
    const ping = await postWebhook(dto.url, {
      body: Buffer.alloc(0),
      headers: { 'solaris-webhook-event-type': 'WEBHOOK-SUBSCRIPTION' },
      timeoutMs: Math.min(VERIFY_TIMEOUT_MS, this.env.WEBHOOK_TIMEOUT_MS),
      allowPrivate,
    });
    if (ping.status === undefined || ping.status < 200 || ping.status > 299) {
      throw new WebhookVerificationError(
        ping.status !== undefined ? `answered ${ping.status}` : (ping.error ?? 'no answer'),
      );
    }
    const secret = newWebhookSecret();
    const row = await this.repo.insert({
      id: newId('webhook'),
      partner_id: partnerId,
      event_type: dto.event_type,
      url: dto.url,
      secretEncrypted: this.secrets.seal(secret),
    });
    return { ...row, secret };
  }

  async get(partnerId: string, id: string): Promise<SubscriptionRow> {
    const row = await this.repo.findById(partnerId, id);
    if (!row) throw new NotFoundError('Webhook', id);
    return row;
  }

  list(partnerId: string, page: { number: number; size: number }): Promise<SubscriptionRow[]> {
    return this.repo.list(partnerId, (page.number - 1) * page.size, page.size);
  }

  async delete(partnerId: string, id: string): Promise<void> {
    if (!(await this.repo.softDelete(partnerId, id, this.clock.now())))
      throw new NotFoundError('Webhook', id);
  }
}
