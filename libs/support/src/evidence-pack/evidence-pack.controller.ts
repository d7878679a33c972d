import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ValidationError } from '#kyc/common';
import { RequirePermission, staffAuditContext, type StaffRequest } from '#kyc/staff';
import { EvidencePackService } from './evidence-pack.service.js';

/** The per-customer evidence pack (compliance officers), audited with the reason given. */
@ApiTags('admin: support')
@Controller('admin/support/customers')
export class EvidencePackController {
  constructor(private readonly packs: EvidencePackService) {}

  @Get(':personId/evidence-pack')
  @RequirePermission('evidence_pack.export')
  @ApiOperation({
    summary: "A zip of the person's records, documents and audit events with a SHA-256 manifest (audited)",
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The zip, streamed; its manifest hash in X-Evidence-Manifest-Sha256' })
  @ApiQuery({ name: 'reason', required: true, description: 'Why the pack is exported (10-500 characters)' })
  async export(
    @Param('personId') personId: string,
    @Req() req: StaffRequest,
    @Res() reply: FastifyReply,
    @Query('reason') reason?: unknown,
  ) {
    if (typeof reason !== 'string' || reason.trim().length < 10 || reason.length > 500) {
      throw ValidationError.field(
        'reason',
        'is required: say in 10 to 500 characters why the pack is exported',
      );
    }
    const pack = await this.packs.export(personId, reason.trim(), staffAuditContext(req));
    return reply
      .status(200)
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${pack.fileName}"`)
      .header('cache-control', 'no-store')
      .header('x-evidence-manifest-sha256', pack.manifestSha256)
      .send(pack.stream);
  }
}
