import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, staffAuditContext, type StaffRequest } from '#kyc/staff';
import { parseSearchRequest } from './search-query.js';
import type { SearchResponse } from './search-result.dto.js';
import {
  SupportSearchIdentificationBody,
  SupportSearchResponseBody,
} from './support-search-response.schema.js';
import { SupportSearchService } from './support-search.service.js';

@ApiTags('admin: support')
@ApiExtraModels(SupportSearchIdentificationBody)
@Controller('admin/support')
export class SupportSearchController {
  constructor(private readonly search: SupportSearchService) {}

  @Get('search')
  @RequirePermission('support.search')
  @ApiOperation({
    summary: 'Find a customer by person or identification id, IDnow reference, email, mobile number or name',
    description:
      'q (1-200 characters; a name may carry a birth date, e.g. "Müller 17.04.1992"), limit (1-20, default 10). ' +
      'Names match fuzzily and without accents. Results are masked for every role; each search is audited.',
  })
  @ApiOkResponse({ type: SupportSearchResponseBody })
  find(@Query() raw: Record<string, unknown>, @Req() req: StaffRequest): Promise<SearchResponse> {
    return this.search.search(parseSearchRequest(raw), staffAuditContext(req));
  }
}
