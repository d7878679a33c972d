import { Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PartnerAuthGuard, PartnerId } from '#kyc/auth';
import { parsePage } from '#kyc/common';
import { toDocumentResponse } from './dto/document-response.js';
import { DocumentResponseBody } from './dto/document-response.schema.js';
import { DocumentsService } from './documents.service.js';
import { documentHeaders, notModified, sendFile } from './http/send-file.js';

@ApiTags('documents')
@ApiBearerAuth()
@UseGuards(PartnerAuthGuard)
@Controller('v1/persons/:person_id/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post()
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Upload a document: multipart/form-data with document_type and file' })
  @ApiCreatedResponse({ type: DocumentResponseBody })
  async upload(
    @PartnerId() partnerId: string,
    @Param('person_id') personId: string,
    @Req() req: FastifyRequest,
  ) {
    return toDocumentResponse(await this.documents.upload(partnerId, personId, req));
  }

  @Get()
  @ApiOperation({ summary: "List a person's documents, oldest first" })
  @ApiOkResponse({ type: [DocumentResponseBody] })
  @ApiQuery({ name: 'page[number]', required: false })
  @ApiQuery({ name: 'page[size]', required: false })
  async list(
    @PartnerId() partnerId: string,
    @Param('person_id') personId: string,
    @Query('page[number]') number?: string,
    @Query('page[size]') size?: string,
  ) {
    return (await this.documents.list(partnerId, personId, parsePage(number, size))).map(toDocumentResponse);
  }

  @Get(':id')
  @ApiOperation({ summary: "A document's metadata" })
  @ApiOkResponse({ type: DocumentResponseBody })
  async get(@PartnerId() partnerId: string, @Param('person_id') personId: string, @Param('id') id: string) {
    return toDocumentResponse(await this.documents.get(partnerId, personId, id));
  }

  @Get(':id/file')
  @ApiOperation({ summary: 'Download the file (streamed; ETag and If-None-Match supported)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The bytes, with the content type sniffed at upload' })
  async file(
    @PartnerId() partnerId: string,
    @Param('person_id') personId: string,
    @Param('id') id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const document = await this.documents.get(partnerId, personId, id);
    if (notModified(req, document)) {
      documentHeaders(reply, document);
      return reply.status(304).send();
    }
    return sendFile(reply, document, await this.documents.openFile(document));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a document (hidden from the API; kept for retention)' })
  @ApiOkResponse({ type: DocumentResponseBody, description: 'The document, with deleted_at set' })
  async remove(
    @PartnerId() partnerId: string,
    @Param('person_id') personId: string,
    @Param('id') id: string,
  ) {
    return toDocumentResponse(await this.documents.remove(partnerId, personId, id));
  }
}
