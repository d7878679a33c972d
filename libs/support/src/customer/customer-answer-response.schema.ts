import { ApiProperty } from '@nestjs/swagger';

/** `GET .../answer`: a ready-to-send reply, exactly what `composeAnswer` returns. */
export class CustomerAnswerResponseBody {
  @ApiProperty({ enum: ['de', 'en'] }) language: string;
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'Greeting, state, next step (with the valid link), sign-off' }) body: string;
}
