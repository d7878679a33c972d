import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  Clock,
  Env,
  isId,
  newId,
  NotFoundError,
  StoredFileIntegrityError,
  ValidationError,
} from '#kyc/common';
import type { SolarisPage } from '#kyc/common';
import { PersonsService } from '#kyc/persons';
import { type DocumentRecord, storageKeyFor } from './document.record.js';
import { DocumentsRepository } from './documents.repository.js';
import { DOCUMENT_TYPES, isDocumentType } from './rules/document-types.js';
import { DocumentStorage } from './storage/index.js';
import { DocumentCorruptedError, DocumentMissingError } from './storage/index.js';
import { checkUploadContent } from './upload/content-checks.js';
import { cleanFileName } from './upload/file-name.js';
import { receiveUpload } from './upload/receive-upload.js';

/** An opened document: its record and a stream of bytes already checked against the stored checksum. */
export interface OpenedDocument {
  document: DocumentRecord;
  stream: Readable;
}

/** Partner documents: upload, list, read, download, soft delete; every read tenant-scoped. */
@Injectable()
export class DocumentsService {
  private readonly log = new Logger(DocumentsService.name);

  constructor(
    private readonly repo: DocumentsRepository,
    private readonly storage: DocumentStorage,
    private readonly persons: PersonsService,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {}

  async upload(partnerId: string, personId: string, req: FastifyRequest): Promise<DocumentRecord> {
    await this.persons.get(partnerId, personId);
    const id = newId('document');
    const key = storageKeyFor(id);
    const maxBytes = this.env.DOCUMENT_MAX_BYTES;
    const discard = () =>
      this.storage.remove(key).catch(() => this.log.warn(`could not remove refused upload ${id}`));
    const upload = await receiveUpload(
      req,
      maxBytes,
      (file) => this.storage.put(key, file, { maxBytes }),
      discard,
    );
    try {
      const documentType = upload.documentType;
      if (documentType === undefined || documentType === '')
        throw ValidationError.field('document_type', 'is required');
      if (!isDocumentType(documentType)) {
        throw ValidationError.field('document_type', `must be one of: ${DOCUMENT_TYPES.join(', ')}`);
      }
      const file = upload.file;
      if (!file) throw ValidationError.field('file', 'is required');
      if (file.stored.size === 0) throw ValidationError.field('file', 'must not be empty');
      const name = cleanFileName(file.fileName, `${documentType.toLowerCase()}-${id.slice(0, 8)}`);
      const contentType = checkUploadContent(documentType, file.stored.contentType, {
        mimeType: file.mimeType,
        fileName: name,
      });
      const document: DocumentRecord = {
        id,
        partnerId,
        personId,
        identificationId: null,
        name,
        contentType,
        documentType,
        size: file.stored.size,
        sha256: file.stored.sha256,
        storageKey: key,
        source: 'partner',
        providerFile: null,
        partnerVisible: true,
        customerAccessible: false,
        providerCanceledAt: null,
        createdAt: this.clock.now(),
        deletedAt: null,
      };
      await this.repo.insert(document);
      return document;
    } catch (error) {
      if (upload.file) await discard();
      throw error;
    }
  }

  async list(partnerId: string, personId: string, page: SolarisPage): Promise<DocumentRecord[]> {
    await this.persons.get(partnerId, personId);
    return this.repo.listByPerson(partnerId, personId, page);
  }

  async get(partnerId: string, personId: string, id: string): Promise<DocumentRecord> {
    const found = isId('document', id) ? await this.repo.findForPartner(partnerId, personId, id) : null;
    if (!found) throw new NotFoundError('Document', id);
    return found;
  }

  async open(partnerId: string, personId: string, id: string): Promise<OpenedDocument> {
    const document = await this.get(partnerId, personId, id);
    return { document, stream: await this.openFile(document) };
  }

  async remove(partnerId: string, personId: string, id: string): Promise<DocumentRecord> {
    const removed = isId('document', id)
      ? await this.repo.softDelete(partnerId, personId, id, this.clock.now())
      : null;
    if (!removed) throw new NotFoundError('Document', id);
    return removed;
  }

  /** The bytes, checked against the stored size and SHA-256 first: a damaged file is never served. */
  async openFile(document: DocumentRecord): Promise<Readable> {
    try {
      return await this.storage.open(document.storageKey, { sha256: document.sha256, size: document.size });
    } catch (error) {
      if (error instanceof DocumentCorruptedError || error instanceof DocumentMissingError) {
        this.log.error(`document ${document.id} failed its integrity check (${error.name}); not served`);
        throw new StoredFileIntegrityError(
          'The stored file failed its integrity check and was not served; the operators have been alerted.',
        );
      }
      throw error;
    }
  }
}
