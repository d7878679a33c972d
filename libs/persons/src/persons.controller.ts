import { Body, Controller, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerAuthGuard, PartnerId } from '#kyc/auth';
import { CreatePersonDto } from './dto/create-person.dto.js';
import { UpdatePersonDto } from './dto/person-fields.dto.js';
import { toPersonResponse, type PersonResponse } from './dto/person-response.js';
import { PersonResponseBody } from './dto/person-response.schema.js';
import { CreatePersonPipe, UpdatePersonPipe } from './dto/person-validation.pipes.js';
import { PersonsService } from './persons.service.js';

@ApiTags('persons')
@ApiBearerAuth()
@UseGuards(PartnerAuthGuard)
@Controller('v1/persons')
export class PersonsController {
  constructor(private readonly persons: PersonsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a person' })
  @ApiCreatedResponse({ type: PersonResponseBody })
  async create(
    @PartnerId() partnerId: string,
    @Body(CreatePersonPipe) dto: CreatePersonDto,
  ): Promise<PersonResponse> {
    return toPersonResponse(await this.persons.create(partnerId, dto));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a person' })
  @ApiOkResponse({ type: PersonResponseBody })
  async get(@PartnerId() partnerId: string, @Param('id') id: string): Promise<PersonResponse> {
    return toPersonResponse(await this.persons.get(partnerId, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update the updatable fields of a person' })
  @ApiOkResponse({ type: PersonResponseBody })
  async update(
    @PartnerId() partnerId: string,
    @Param('id') id: string,
    @Body(UpdatePersonPipe) dto: UpdatePersonDto,
  ): Promise<PersonResponse> {
    return toPersonResponse(await this.persons.update(partnerId, id, dto));
  }
}
