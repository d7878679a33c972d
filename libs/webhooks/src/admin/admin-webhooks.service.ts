import { Injectable } from '@nestjs/common';
import { type AuditActor as StaffActor, AuditService } from '#kyc/audit';
import { Clock, ConflictError, type ListQuery, NotFoundError } from '#kyc/common';
import {
  type AdminDeliveryDetailRow,
  type AdminSubscriptionRow,
  AdminWebhooksRepository,
  type AttemptRow,
} from './admin-webhooks.repository.js';

const DELIVERY_ID = /^[1-9][0-9]{0,17}$/;
const SUBSCRIPTION_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * The console's view of webhooks: subscriptions and deliveries of every partner, and redelivery.
 * Opening one record and every redelivery is audited; list pages carry no personal data and are not.
 */
@Injectable()
export class AdminWebhooksService {
  constructor(
    private readonly repo: AdminWebhooksRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  listSubscriptions(q: ListQuery) {
    return this.repo.listSubscriptionsUnscoped(q);
  }

  async getSubscription(id: string, actor: StaffActor): Promise<AdminSubscriptionRow> {
    const row = SUBSCRIPTION_ID.test(id) ? await this.repo.findSubscriptionUnscoped(id) : null;
    if (!row) throw new NotFoundError('WebhookSubscription', id);
    await this.audit.record({
      ...actor,
      action: 'webhook.subscription_viewed',
      entityType: 'webhook_subscription',
      entityId: id,
    });
    return row;
  }

  listDeliveries(q: ListQuery) {
    return this.repo.listDeliveriesUnscoped(q);
  }

  async getDelivery(
    id: string,
    actor: StaffActor,
  ): Promise<AdminDeliveryDetailRow & { attempt_log: AttemptRow[] }> {
    const row = DELIVERY_ID.test(id) ? await this.repo.findDeliveryUnscoped(id) : null;
    if (!row) throw new NotFoundError('WebhookDelivery', id);
    await this.audit.record({
      ...actor,
      action: 'webhook.delivery_viewed',
      entityType: 'webhook_delivery',
      entityId: id,
    });
    return { ...row, attempt_log: await this.repo.attempts(id) };
  }

  /** Send one delivery again under its original webhook id; the change and its audit event commit together. */
  async redeliver(
    id: string,
    actor: StaffActor,
  ): Promise<AdminDeliveryDetailRow & { attempt_log: AttemptRow[] }> {
    if (!DELIVERY_ID.test(id)) throw new NotFoundError('WebhookDelivery', id);
    await this.repo.transaction(async (tx) => {
      const before = await this.repo.findDeliveryUnscoped(id, tx);
      if (!before) throw new NotFoundError('WebhookDelivery', id);
      if (before.status === 'pending')
        throw new ConflictError('The delivery is still pending: it will be sent without help.');
      if (!before.subscription_live) {
        throw new ConflictError('The subscription was deleted or canceled: there is nowhere to deliver to.');
      }
      // A concurrent redelivery or relay may have moved it since the read above.
      if (!(await this.repo.requeue(tx, id, this.clock.now()))) {
        throw new ConflictError('The delivery changed meanwhile: reload it and try again.');
      }
      await this.audit.record(
        {
          ...actor,
          action: 'webhook.redelivered',
          entityType: 'webhook_delivery',
          entityId: id,
          diff: {
            before: { status: before.status, attempts: before.attempts },
            after: { status: 'pending' },
          },
        },
        tx,
      );
    });
    const row = (await this.repo.findDeliveryUnscoped(id))!;
    return { ...row, attempt_log: await this.repo.attempts(id) };
  }

  /** Requeue every failed delivery created in [from, to); answers how many. */
  async redeliverFailed(
    range: { from: Date; to: Date; subscriptionId?: string; partnerId?: string },
    actor: StaffActor,
  ): Promise<{ requeued: number }> {
    return this.repo.transaction(async (tx) => {
      const requeued = await this.repo.requeueFailed(tx, range, this.clock.now());
      await this.audit.record(
        {
          ...actor,
          action: 'webhook.failed_redelivered',
          entityType: range.subscriptionId ? 'webhook_subscription' : range.partnerId ? 'partner' : null,
          entityId: range.subscriptionId ?? range.partnerId ?? null,
          diff: {
            from: range.from.toISOString(),
            to: range.to.toISOString(),
            requeued,
          },
        },
        tx,
      );
      return { requeued };
    });
  }
}
