import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditService } from '#kyc/audit';
import {
  contentRange,
  isId,
  type ListSpec,
  NotFoundError,
  parseListQuery,
  ValidationError,
} from '#kyc/common';
import { RequirePermission, staffAuditContext, type StaffRequest } from '#kyc/staff';
import type { DocumentRecord } from '../document.record.js';
import { DocumentsRepository } from '../documents.repository.js';
import { DocumentsService } from '../documents.service.js';
import { toAdminDocumentResponse } from '../dto/document-response.js';
import { DOCUMENT_TYPES } from '../rules/document-types.js';
import { sendFile } from '../http/send-file.js';
import { AdminDocumentResponseBody } from './admin-document-response.schema.js';

const DOCUMENTS: ListSpec = {
  sortable: ['created_at', 'document_type', 'size'],
  filters: {
    id: 'id',
    person_id: 'id',
    identification_id: 'id',
    partner_id: 'id',
    document_type: DOCUMENT_TYPES,
    source: ['partner', 'provider'],
  },
  defaultSort: ['created_at', 'DESC'],
};

/**
 * Documents for staff: metadata for every role, files for compliance officers. Each record view and
 * each download writes an audit event (who, which document, when, and for downloads why) before
 * anything is sent.
 */
@ApiTags('admin: documents')
@Controller('admin/documents')
export class AdminDocumentsController {
  constructor(
    private readonly repo: DocumentsRepository,
    private readonly documents: DocumentsService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @RequirePermission('documents.read')
  @ApiOperation({ summary: 'Documents of every partner, deleted ones included (react-admin list contract)' })
  @ApiOkResponse({ type: [AdminDocumentResponseBody] })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseListQuery(query, DOCUMENTS);
    const { rows, total } = await this.repo.listUnscoped(q);
    void reply.header('content-range', contentRange('documents', q.offset, rows.length, total));
    return rows.map(toAdminDocumentResponse);
  }

  @Get(':id')
  @RequirePermission('documents.read')
  @ApiOperation({ summary: "One document's metadata (audited)" })
  @ApiOkResponse({ type: AdminDocumentResponseBody })
  async get(@Param('id') id: string, @Req() req: StaffRequest) {
    const document = await this.find(id);
    await this.audit.record({
      ...staffAuditContext(req),
      action: 'document.viewed',
      entityType: 'document',
      entityId: id,
      diff: { person_id: document.personId, identification_id: document.identificationId },
    });
    return toAdminDocumentResponse(document);
  }

  @Get(':id/file')
  @RequirePermission('documents.download')
  @ApiOperation({ summary: 'The file, verified against its checksum; audited with the reason given' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The bytes, with the content type sniffed at upload' })
  @ApiQuery({ name: 'reason', required: true, description: 'Why the file is opened (3-500 characters)' })
  @ApiQuery({ name: 'disposition', required: false, enum: ['attachment', 'inline'] })
  async file(
    @Param('id') id: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
    @Query('reason') reason?: unknown,
    @Query('disposition') disposition?: unknown,
  ) {
    if (typeof reason !== 'string' || reason.trim().length < 3 || reason.length > 500) {
      throw ValidationError.field('reason', 'is required: say in 3 to 500 characters why the file is opened');
    }
    if (disposition !== undefined && disposition !== 'attachment' && disposition !== 'inline') {
      throw ValidationError.field('disposition', 'must be attachment or inline');
    }
    const document = await this.find(id);
    const stream = await this.documents.openFile(document);
    try {
      await this.audit.record({
        ...staffAuditContext(req),
        action: 'document.downloaded',
        entityType: 'document',
        entityId: id,
        diff: {
          reason: reason.trim(),
          disposition: disposition ?? 'attachment',
          person_id: document.personId,
          identification_id: document.identificationId,
          document_type: document.documentType,
        },
      });
    } catch (error) {
      stream.destroy();
      throw error;
    }
    return sendFile(reply, document, stream, disposition === 'inline' ? 'inline' : 'attachment');
  }

  private async find(id: string): Promise<DocumentRecord> {
    const document = isId('document', id) ? await this.repo.findByIdUnscoped(id) : null;
    if (!document) throw new NotFoundError('Document', id);
    return document;
  }
}
