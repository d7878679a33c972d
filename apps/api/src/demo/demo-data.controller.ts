import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission, staffAuditContext, type StaffRequest } from '#kyc/staff';
import { DemoDataStatusDto, LoadDemoDataDto } from './demo-data.dto.js';
import { DemoDataService } from './demo-data.service.js';

/** Sandbox mode only: the console's empty dashboard offers to load demo data (docs/DEMO-DATA.md). */
@ApiTags('admin: demo data')
@Controller('admin/demo-data')
export class DemoDataController {
  constructor(private readonly demo: DemoDataService) {}

  @Get()
  @RequirePermission('demo_data.load')
  @ApiOperation({ summary: 'Whether demo data can be loaded here, and the progress of the current load' })
  @ApiOkResponse({ type: DemoDataStatusDto })
  status(): DemoDataStatusDto {
    return this.demo.status();
  }

  @Post()
  @HttpCode(202)
  @RequirePermission('demo_data.load')
  @ApiOperation({
    summary: 'Load demo customers and identifications in the background (409 while a load runs)',
  })
  @ApiAcceptedResponse({ type: DemoDataStatusDto })
  start(@Body() body: LoadDemoDataDto, @Req() req: StaffRequest): Promise<DemoDataStatusDto> {
    return this.demo.start(body, staffAuditContext(req));
  }
}
