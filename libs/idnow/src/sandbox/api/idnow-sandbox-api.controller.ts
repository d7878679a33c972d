import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
  UseFilters,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IdnowSandboxService, type SandboxListKind } from '../idnow-sandbox.service.js';
import { IdnowApiExceptionFilter } from './idnow-api-exception.filter.js';
import { SandboxApiAuth } from './sandbox-api-auth.js';
import { SandboxRateLimit } from './sandbox-rate-limit.js';

type QueryParams = Record<string, unknown>;
type HeaderMap = Record<string, string | string[] | undefined>;

const isTrue = (v: unknown) => typeof v === 'string' && v.toLowerCase() === 'true';

function listKind(q: QueryParams): SandboxListKind {
  if (isTrue(q.pending)) return 'pending';
  if (isTrue(q.aborted)) return 'aborted';
  if (isTrue(q.cancelled) || isTrue(q.canceled)) return 'cancelled';
  return 'successful';
}

/** The Ruby client spells the robot's header X-API_KEY; IDnow's documentation X-API-KEY. */
function apiKeyOf(headers: HeaderMap): string | undefined {
  const value = headers['x-api-key'] ?? headers['x-api_key'];
  return Array.isArray(value) ? value[0] : value;
}

/** 429 with Retry-After, when the sandbox's rate-limit switch is on (SandboxRateLimit). */
function tooManyRequests(reply: FastifyReply, retryAfterSeconds: number) {
  void reply.status(429).header('retry-after', String(retryAfterSeconds));
  return { errors: [{ cause: 'TOO_MANY_REQUESTS', id: null, key: null, message: 'Rate limit exceeded' }] };
}

/** IDnow's REST API (v1) as the test system answers it, errors in IDnow's shape. */
@ApiTags('idnow sandbox')
@UseFilters(IdnowApiExceptionFilter)
@Controller('sandbox/idnow/api/v1/:companyId')
export class IdnowSandboxApiController {
  constructor(
    private readonly auth: SandboxApiAuth,
    private readonly sandbox: IdnowSandboxService,
    private readonly rateLimit: SandboxRateLimit,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'IDnow login: {"apiKey"} answers {"authToken"} (valid one hour)' })
  login(@Param('companyId') companyId: string, @Body() body: unknown) {
    return this.auth.login(companyId, body);
  }

  @Get()
  @ApiOperation({ summary: 'IDnow account with the estimated waiting time (X-API-LOGIN-TOKEN)' })
  account(@Param('companyId') companyId: string, @Headers('x-api-login-token') token?: string) {
    this.auth.checkLoginToken(companyId, token);
    return this.sandbox.account(companyId);
  }

  @Post('identifications/:txn/start')
  @ApiOperation({ summary: 'Create (201) or update (200) an identification (X-API-KEY)' })
  async start(
    @Param('companyId') companyId: string,
    @Param('txn') txn: string,
    @Headers() headers: HeaderMap,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    this.auth.checkApiKey(companyId, apiKeyOf(headers));
    const { id, created } = await this.sandbox.start(companyId, txn, body);
    void reply.status(created ? 201 : 200);
    return { id };
  }

  @Post('identifications/:txn/requestVideoChat')
  @HttpCode(200)
  @ApiOperation({ summary: "IDnow's test robot: plays an X-AUTOTEST scenario (X-API-KEY)" })
  async requestVideoChat(
    @Param('companyId') companyId: string,
    @Param('txn') txn: string,
    @Headers() headers: HeaderMap,
  ) {
    this.auth.checkApiKey(companyId, apiKeyOf(headers));
    await this.sandbox.requestVideoChat(companyId, txn);
    return {};
  }

  @Get('identifications')
  @ApiOperation({ summary: 'Successful identifications; ?pending=true, ?aborted=true or ?cancelled=true' })
  list(
    @Param('companyId') companyId: string,
    @Query() query: QueryParams,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('x-api-login-token') token?: string,
  ) {
    this.auth.checkLoginToken(companyId, token);
    const retryAfter = this.rateLimit.take();
    if (retryAfter !== null) return tooManyRequests(reply, retryAfter);
    return this.sandbox.list(companyId, listKind(query));
  }

  // Fastify's router matches the static ".zip" suffix before the plain :txn route below.
  @Get('identifications/:txn.zip')
  @ApiOperation({ summary: 'The evidence zip (404 while there is no result, after ABORTED and CANCELED)' })
  async evidence(
    @Param('companyId') companyId: string,
    @Param('txn') txn: string,
    @Headers('x-api-login-token') token?: string,
  ): Promise<StreamableFile> {
    this.auth.checkLoginToken(companyId, token);
    const zip = await this.sandbox.evidence(companyId, txn);
    return new StreamableFile(zip, {
      type: 'application/zip',
      disposition: `attachment; filename="${txn}.zip"`,
      length: zip.length,
    });
  }

  @Get('identifications/:txn')
  @ApiOperation({ summary: 'The current result (404 OBJECT_NOT_FOUND while there is none)' })
  result(
    @Param('companyId') companyId: string,
    @Param('txn') txn: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('x-api-login-token') token?: string,
  ) {
    this.auth.checkLoginToken(companyId, token);
    const retryAfter = this.rateLimit.take();
    if (retryAfter !== null) return tooManyRequests(reply, retryAfter);
    return this.sandbox.result(companyId, txn);
  }

  @Delete('identifications/:txn')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an identification and its data' })
  async remove(
    @Param('companyId') companyId: string,
    @Param('txn') txn: string,
    @Headers('x-api-login-token') token?: string,
  ): Promise<void> {
    this.auth.checkLoginToken(companyId, token);
    await this.sandbox.remove(companyId, txn);
  }
}
