import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';

export const WEBHOOK_EVENT_TYPES = ['IDENTIFICATION', 'PERSON_CHANGED'] as const;

export class CreateWebhookDto {
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, description: 'The event to receive.' })
  @IsString({ message: `is required; supported event types are: ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  @IsIn(WEBHOOK_EVENT_TYPES, {
    message: `is not supported; supported event types are: ${WEBHOOK_EVENT_TYPES.join(', ')}`,
  })
  event_type: string;

  @ApiProperty({ description: 'Where events are POSTed; https in production. Verified by a ping first.' })
  @IsString({ message: 'is required' })
  @MaxLength(2048)
  url: string;
}
