import { ApiProperty } from '@nestjs/swagger';
import { PersonResponseBody } from '#kyc/persons';

/** `POST .../unmask`: the full Solaris person body, its partner, and `masked: false`. */
export class UnmaskedPersonResponseBody extends PersonResponseBody {
  @ApiProperty() partner_id: string;
  @ApiProperty({ description: 'Always false here' }) masked: boolean;
}
