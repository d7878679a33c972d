import { Module } from '@nestjs/common';
import { documentStorageProvider } from '../document-storage.provider.js';
import { RetentionFilesService } from './retention-files.service.js';

/** The stored files retention deleted the rows of, removed after commit; the jobs import it (worker and api). */
@Module({
  providers: [documentStorageProvider, RetentionFilesService],
  exports: [RetentionFilesService],
})
export class RetentionFilesModule {}
