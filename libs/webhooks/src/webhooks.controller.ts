import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { PartnerAuthGuard, PartnerId } from '#kyc/auth';
import { parsePage } from '#kyc/common';
import { CreateWebhookDto } from './dto/create-webhook.dto.js';
import { toWebhookResponse, type WebhookResponse } from './dto/webhook-response.js';
import { CreatedWebhookResponseBody, WebhookResponseBody } from './dto/webhook-response.schema.js';
import { WebhooksService } from './subscriptions/webhooks.service.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@UseGuards(PartnerAuthGuard)
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Subscribe to an event; the url must answer a verification ping with 2xx' })
  @ApiCreatedResponse({ type: CreatedWebhookResponseBody })
  async create(
    @PartnerId() partnerId: string,
    @Body() dto: CreateWebhookDto,
  ): Promise<WebhookResponse & { secret: string }> {
    const created = await this.webhooks.create(partnerId, dto);
    return { ...toWebhookResponse(created), secret: created.secret };
  }

  @Get()
  @ApiOperation({ summary: 'List webhook subscriptions' })
  @ApiOkResponse({ type: [WebhookResponseBody] })
  @ApiQuery({ name: 'page[number]', required: false })
  @ApiQuery({ name: 'page[size]', required: false })
  async list(
    @PartnerId() partnerId: string,
    @Query('page[number]') number?: string,
    @Query('page[size]') size?: string,
  ): Promise<WebhookResponse[]> {
    return (await this.webhooks.list(partnerId, parsePage(number, size))).map(toWebhookResponse);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a webhook subscription' })
  @ApiOkResponse({ type: WebhookResponseBody })
  async get(@PartnerId() partnerId: string, @Param('id') id: string): Promise<WebhookResponse> {
    return toWebhookResponse(await this.webhooks.get(partnerId, id));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook subscription (its pending deliveries are canceled)' })
  @ApiNoContentResponse({ description: 'Deleted; no body' })
  async delete(@PartnerId() partnerId: string, @Param('id') id: string): Promise<void> {
    await this.webhooks.delete(partnerId, id);
  }
}
