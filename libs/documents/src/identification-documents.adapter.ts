import { Injectable } from '@nestjs/common';
import { IdentificationDocuments } from '#kyc/identifications';
import { DocumentsRepository } from './documents.repository.js';
import { toDocumentResponse } from './dto/document-response.js';

/** `include_documents=true`: the identification's documents the partner may see, oldest first. */
@Injectable()
export class IdentificationDocumentsAdapter extends IdentificationDocuments {
  constructor(private readonly repo: DocumentsRepository) {
    super();
  }

  async listForIdentification(partnerId: string, identificationId: string): Promise<object[]> {
    return (await this.repo.listByIdentification(partnerId, identificationId)).map(toDocumentResponse);
  }
}
