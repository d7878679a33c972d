import { ApiProperty } from '@nestjs/swagger';

/** Who can act: the audit trail's actor types (`AuditRecord['actorType']`). */
export const AUDIT_ACTOR_TYPES = ['staff', 'partner', 'system', 'provider'] as const;

const text = { type: String, nullable: true } as const;

/** One audit event as staff read it (`AuditView`, no hashes), with the acting staff member's email. */
export class AuditEventResponseBody {
  @ApiProperty({ description: 'The row id, a bigserial as text' }) id: string;
  @ApiProperty({ type: String, format: 'date-time' }) occurred_at: string;
  @ApiProperty({ enum: AUDIT_ACTOR_TYPES }) actor_type: string;
  @ApiProperty(text) actor_id: string | null;
  @ApiProperty({ ...text, description: "The staff actor's email, when the actor is a known staff user" })
  actor_email: string | null;
  @ApiProperty({ ...text, description: "The actor's role when it acted" }) role: string | null;
  @ApiProperty({ description: 'e.g. staff.user_created, audit.exported' }) action: string;
  @ApiProperty(text) entity_type: string | null;
  @ApiProperty(text) entity_id: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'What changed (often before/after), or other detail of the action',
  })
  diff: Record<string, unknown> | null;
  @ApiProperty(text) request_id: string | null;
  @ApiProperty(text) ip: string | null;
}
