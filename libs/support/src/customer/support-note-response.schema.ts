import { ApiProperty } from '@nestjs/swagger';

/** An internal support note, exactly a `SupportNoteRow`; never shown to the customer. */
export class SupportNoteResponseBody {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true, description: "The author's display name" })
  author_name: string | null;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, format: 'date-time' }) created_at: string;
}
