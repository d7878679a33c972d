import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES } from '../access/permissions.js';

/** A staff user as the console shows it, exactly `StaffUserRecord`: never the password hash or the MFA seed. */
export class StaffUserResponseBody {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() display_name: string;
  @ApiProperty({ enum: STAFF_ROLES }) role: string;
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty({ description: 'A second factor (TOTP) is set up' }) mfa_enabled: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) created_at: string;
  @ApiProperty({ type: String, format: 'date-time' }) updated_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) last_login_at: string | null;
}
