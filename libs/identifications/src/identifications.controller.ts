import {
  Body,
  Controller,
  Get,
  HttpCode,
  Optional,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { PartnerAuthGuard, PartnerId } from '#kyc/auth';
import { MAX_PAGE_SIZE, parsePage, ValidationError } from '#kyc/common';
import { IdentificationDocuments } from './documents/identification-documents.js';
import { CreateIdentificationDto } from './dto/create-identification.dto.js';
import { CreateIdentificationPipe } from './dto/create-identification.pipe.js';
import { toIdentificationResponse, toRequestedResponse } from './dto/identification-response.js';
import {
  IdentificationDetailResponseBody,
  IdentificationResponseBody,
  RequestedIdentificationResponseBody,
  SupportedDocumentBody,
} from './dto/identification-response.schema.js';
import { IdentificationsService } from './identifications.service.js';
import { SUPPORTED_DOCUMENTS } from './rules/supported-documents.js';

@ApiTags('identifications')
@ApiBearerAuth()
@UseGuards(PartnerAuthGuard)
@Controller('v1/persons/:person_id/identifications')
export class IdentificationsController {
  constructor(
    private readonly identifications: IdentificationsService,
    @Optional() private readonly documents?: IdentificationDocuments,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an identification (does not contact the provider)' })
  @ApiCreatedResponse({ type: IdentificationResponseBody })
  async create(
    @PartnerId() partnerId: string,
    @Param('person_id') personId: string,
    @Body(CreateIdentificationPipe) dto: CreateIdentificationDto,
  ) {
    return toIdentificationResponse(await this.identifications.create(partnerId, personId, dto));
  }

  @Get()
  @ApiOperation({ summary: "List a person's identifications, oldest first" })
  @ApiOkResponse({ type: [IdentificationResponseBody] })
  @ApiQuery({ name: 'page[number]', required: false })
  @ApiQuery({
    name: 'page[size]',
    required: false,
    description: `1 to ${MAX_PAGE_SIZE}, default ${MAX_PAGE_SIZE}`,
  })
  async list(
    @PartnerId() partnerId: string,
    @Param('person_id') personId: string,
    @Query('page[number]') number?: string,
    @Query('page[size]') size?: string,
  ) {
    // Without page[size] a page holds the most a page may: the first 100, as the list answered before pages.
    const page = parsePage(number, size ?? String(MAX_PAGE_SIZE));
    return (await this.identifications.list(partnerId, personId, page)).map(toIdentificationResponse);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve an identification' })
  @ApiOkResponse({ type: IdentificationDetailResponseBody })
  @ApiQuery({ name: 'include_documents', required: false, enum: ['true', 'false'] })
  async get(
    @PartnerId() partnerId: string,
    @Param('person_id') personId: string,
    @Param('id') id: string,
    @Query('include_documents') includeDocuments?: string,
  ) {
    if (includeDocuments !== undefined && includeDocuments !== 'true' && includeDocuments !== 'false') {
      throw ValidationError.field('include_documents', 'must be true or false');
    }
    const identification = await this.identifications.get(partnerId, personId, id);
    const body = { ...toIdentificationResponse(identification), person_id: identification.personId };
    if (includeDocuments !== 'true') return body;
    const documents = (await this.documents?.listForIdentification(partnerId, identification.id)) ?? [];
    return { ...body, documents };
  }

  @Patch(':id/request')
  @ApiOperation({ summary: 'Start the identification at the provider; answers the url and reference' })
  @ApiOkResponse({ type: RequestedIdentificationResponseBody })
  async request(
    @PartnerId() partnerId: string,
    @Param('person_id') personId: string,
    @Param('id') id: string,
  ) {
    return toRequestedResponse(await this.identifications.request(partnerId, personId, id));
  }

  @Get(':id/supported_documents')
  @ApiOperation({ summary: 'Document types the customer may use, with their issuing countries' })
  @ApiOkResponse({ type: [SupportedDocumentBody] })
  async supportedDocuments(
    @PartnerId() partnerId: string,
    @Param('person_id') personId: string,
    @Param('id') id: string,
  ) {
    await this.identifications.get(partnerId, personId, id);
    return SUPPORTED_DOCUMENTS;
  }
}
