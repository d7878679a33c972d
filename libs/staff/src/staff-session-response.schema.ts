import { ApiProperty } from '@nestjs/swagger';
import { PERMISSIONS, STAFF_ROLES } from './access/permissions.js';

/** Who is signed in and what the role may do (`MeResponse`): the console hides the rest. */
export class StaffSessionResponseBody {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() display_name: string;
  @ApiProperty({ enum: STAFF_ROLES }) role: string;
  @ApiProperty({ enum: Object.keys(PERMISSIONS), isArray: true, description: 'The actions the role allows' })
  permissions: string[];
  @ApiProperty() mfa_enabled: boolean;
  @ApiProperty({
    description:
      'MFA is required for the role and not set up: everything but enrolment answers 403 until it is',
  })
  mfa_enrolment_required: boolean;
}

/** The sign-in answer: the session's staff member, and the CSRF token the cookie also carries. */
export class StaffLoginResponseBody extends StaffSessionResponseBody {
  @ApiProperty({ description: 'Send it back in the CSRF header on every change' }) csrf_token: string;
}
