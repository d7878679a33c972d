import { ApiProperty } from '@nestjs/swagger';

/** An internal note on a case (append-only), exactly a `NoteRow`. */
export class CaseNoteResponseBody {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid', description: 'Staff user id' }) author_id: string;
  @ApiProperty({ type: String, nullable: true }) author_name: string | null;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, format: 'date-time' }) created_at: string;
}
