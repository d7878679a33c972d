import { ApiProperty, OmitType } from '@nestjs/swagger';
import { PersonResponseBody } from '../dto/person-response.schema.js';

/**
 * A person as staff see it: the Solaris person body, full for officers and admins, or as `maskPerson` leaves
 * it for support agents (birth year only, no street or birth place, numbers down to their last digits).
 */
export class StaffPersonResponseBody extends OmitType(PersonResponseBody, ['birth_date'] as const) {
  @ApiProperty({
    type: String,
    nullable: true,
    pattern: '^\\d{4}-(\\d{2}-\\d{2}|\\*\\*-\\*\\*)$',
    description: 'YYYY-MM-DD; YYYY-**-** when masked',
  })
  birth_date: string | null;
  @ApiProperty() partner_id: string;
  @ApiProperty({ description: 'True when the personal data above is masked' }) masked: boolean;
}

/** `GET /admin/persons` and `GET /admin/persons/{id}`: a staff person and when it was created. */
export class AdminPersonResponseBody extends StaffPersonResponseBody {
  @ApiProperty({ type: String, format: 'date-time' }) created_at: string;
}
