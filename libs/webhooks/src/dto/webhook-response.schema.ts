import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_EVENT_TYPES } from './create-webhook.dto.js';

/** The Solaris webhook resource, exactly what `toWebhookResponse` returns. */
export class WebhookResponseBody {
  @ApiProperty() id: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES }) event_type: string;
  @ApiProperty() url: string;
}

/** The create answer, the only one that shows the signing secret. */
export class CreatedWebhookResponseBody extends WebhookResponseBody {
  @ApiProperty({ description: 'Signs the deliveries; shown once' }) secret: string;
}
