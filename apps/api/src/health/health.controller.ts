import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ServiceUnavailableError } from '#kyc/common';
import { HealthResponseBody } from './health-response.schema.js';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Readiness: answers 200 when the database answers, else 503' })
  @ApiOkResponse({ type: HealthResponseBody })
  async health(): Promise<{ status: 'ok'; database: 'up' }> {
    try {
      await this.ds.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableError('The database is not reachable.');
    }
    return { status: 'ok', database: 'up' };
  }
}
