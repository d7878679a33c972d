import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { contentRange, parseListQuery } from '#kyc/common';
import { RequirePermission } from '#kyc/staff';
import { FAILURE_CODES } from '#kyc/identifications';
import { FAILURE_CODE_LIST, getFailureCode, listFailureCodes } from './failure-code-list.js';
import { FailureCodeResponseBody } from './failure-code-response.schema.js';

/** The whole catalog fits one page, so a list asked for without a range answers all of it. */
const ALL = JSON.stringify([0, FAILURE_CODES.length - 1]);

/**
 * IDnow's failure codes from the catalog, each with what it means, whether a retry makes sense, and
 * what to tell the customer, in English and German. The catalog holds no personal data: nothing to audit.
 */
@ApiTags('admin: failure codes')
@Controller('admin/failure-codes')
export class FailureCodesController {
  @Get()
  @RequirePermission('failure_codes.read')
  @ApiOperation({
    summary: 'Failure codes with guidance (react-admin list contract; all of them by default)',
  })
  @ApiOkResponse({ type: [FailureCodeResponseBody] })
  list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseListQuery({ ...query, range: query.range ?? ALL }, FAILURE_CODE_LIST);
    const { rows, total } = listFailureCodes(q);
    void reply.header('content-range', contentRange('failure-codes', q.offset, rows.length, total));
    return rows;
  }

  @Get(':code')
  @RequirePermission('failure_codes.read')
  @ApiOperation({ summary: 'One failure code with its guidance' })
  @ApiOkResponse({ type: FailureCodeResponseBody })
  get(@Param('code') code: string) {
    return getFailureCode(code);
  }
}
