import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { contentRange, type ListSpec, parseListQuery } from '#kyc/common';
import { RequirePermission } from '../access/admin-route.decorator.js';
import { STAFF_ROLES } from '../access/permissions.js';
import { staffAuditContext, type StaffRequest } from '../access/staff-principal.js';
import { CreateStaffUserDto, ResetPasswordDto, UpdateStaffUserDto } from './admin-users.dto.js';
import { AdminUsersService } from './admin-users.service.js';
import { StaffUserResponseBody } from './staff-user-response.schema.js';

const USERS: ListSpec = {
  sortable: ['created_at', 'email', 'display_name', 'role'],
  filters: { id: 'id', role: STAFF_ROLES, status: ['active', 'disabled'], q: 'text' },
  defaultSort: ['created_at', 'DESC'],
};

@ApiTags('admin: users')
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @Get()
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'Staff users (react-admin list contract)' })
  @ApiOkResponse({ type: [StaffUserResponseBody] })
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const q = parseListQuery(query, USERS);
    const { rows, total } = await this.users.list(q);
    void reply.header('content-range', contentRange('users', q.offset, rows.length, total));
    return rows;
  }

  @Get(':id')
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'One staff user' })
  @ApiOkResponse({ type: StaffUserResponseBody })
  get(@Param('id') id: string) {
    return this.users.get(id);
  }

  @Post()
  @HttpCode(201)
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'Create a staff user with an initial password (audited)' })
  @ApiCreatedResponse({ type: StaffUserResponseBody })
  create(@Body() dto: CreateStaffUserDto, @Req() req: StaffRequest) {
    return this.users.create(dto, staffAuditContext(req));
  }

  @Put(':id')
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'Change display name, role or status; disabling ends the sessions (audited)' })
  @ApiOkResponse({ type: StaffUserResponseBody })
  update(@Param('id') id: string, @Body() dto: UpdateStaffUserDto, @Req() req: StaffRequest) {
    return this.users.update(id, dto, staffAuditContext(req));
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'Set a new password; the user is signed out everywhere (audited)' })
  @ApiOkResponse({ type: StaffUserResponseBody })
  resetPassword(@Param('id') id: string, @Body() dto: ResetPasswordDto, @Req() req: StaffRequest) {
    return this.users.resetPassword(id, dto.password, staffAuditContext(req));
  }

  @Post(':id/reset-mfa')
  @HttpCode(200)
  @RequirePermission('users.manage')
  @ApiOperation({ summary: 'Remove the second factor so the user enrols again (audited)' })
  @ApiOkResponse({ type: StaffUserResponseBody })
  resetMfa(@Param('id') id: string, @Req() req: StaffRequest) {
    return this.users.resetMfa(id, staffAuditContext(req));
  }
}
