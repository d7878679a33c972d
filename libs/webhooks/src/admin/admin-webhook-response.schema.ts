import { ApiProperty } from '@nestjs/swagger';
import type { DeliveryStatus } from '../delivery/deliveries.repository.js';
import { WEBHOOK_EVENT_TYPES } from '../dto/create-webhook.dto.js';
import { WebhookResponseBody } from '../dto/webhook-response.schema.js';

const DELIVERY_STATUSES = [
  'pending',
  'delivered',
  'failed',
  'rejected',
  'canceled',
] as const satisfies readonly DeliveryStatus[];

const dateTime = { type: String, format: 'date-time' } as const;
const nullableDateTime = { ...dateTime, nullable: true } as const;
const text = { type: String, nullable: true } as const;

/** A subscription of any partner as staff see it, exactly an `AdminSubscriptionRow`: never the secret. */
export class AdminWebhookSubscriptionResponseBody extends WebhookResponseBody {
  @ApiProperty() partner_id: string;
  @ApiProperty({ enum: ['active', 'canceled', 'deleted'] }) state: string;
  @ApiProperty(dateTime) created_at: string;
  @ApiProperty(nullableDateTime) canceled_at: string | null;
  @ApiProperty(nullableDateTime) deleted_at: string | null;
  @ApiProperty({ type: 'integer' }) pending_deliveries: number;
  @ApiProperty({ type: 'integer' }) failed_deliveries: number;
}

/** One delivery (an event to a subscription), exactly an `AdminDeliveryRow`. */
export class AdminWebhookDeliveryResponseBody {
  @ApiProperty() id: string;
  @ApiProperty() subscription_id: string;
  @ApiProperty() partner_id: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES }) event_type: string;
  @ApiProperty({ description: 'The identification or person the event is about' }) entity_id: string;
  @ApiProperty({ format: 'uuid', description: 'Sent as Solaris-Webhook-Id; the same on every attempt' })
  webhook_id: string;
  @ApiProperty() domain_event_id: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty(dateTime) next_attempt_at: string;
  @ApiProperty(nullableDateTime) first_attempt_at: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) last_status_code: number | null;
  @ApiProperty(text) last_error: string | null;
  @ApiProperty(dateTime) created_at: string;
  @ApiProperty(nullableDateTime) delivered_at: string | null;
}

/** One attempt of a delivery, exactly an `AttemptRow`. */
export class WebhookAttemptBody {
  @ApiProperty({ type: 'integer' }) attempt: number;
  @ApiProperty(dateTime) started_at: string;
  @ApiProperty({ type: 'integer' }) latency_ms: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null when no answer came' })
  response_status: number | null;
  @ApiProperty(text) error: string | null;
  @ApiProperty({ ...text, description: 'The start of the answer body' }) response_head: string | null;
}

/** One delivery with its event's payload and every attempt (the record view and the redeliver answer). */
export class AdminWebhookDeliveryDetailResponseBody extends AdminWebhookDeliveryResponseBody {
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The event's payload as sent" })
  payload: Record<string, unknown>;
  @ApiProperty({ description: 'The subscription is neither canceled nor deleted' })
  subscription_live: boolean;
  @ApiProperty({ type: [WebhookAttemptBody] }) attempt_log: WebhookAttemptBody[];
}

/** `POST /admin/webhook-deliveries/redeliver-failed`: how many failed deliveries were queued again. */
export class RedeliverFailedResponseBody {
  @ApiProperty({ type: 'integer' }) requeued: number;
}
