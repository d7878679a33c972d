import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { UnauthorizedError } from '#kyc/common';
import type { Permission } from './permissions.js';
import type { StaffPrincipal, StaffRequest } from './staff-principal.js';

export const PERMISSION_KEY = 'kyc:staff-permission';
export const PUBLIC_ADMIN_KEY = 'kyc:public-admin-route';

/** The action an admin route performs; the guard checks it against the permission matrix. */
export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

/** An admin route reachable without a session (the login itself). */
export const PublicAdminRoute = () => SetMetadata(PUBLIC_ADMIN_KEY, true);

/** The signed-in staff member. */
export const CurrentStaff = createParamDecorator((_: unknown, ctx: ExecutionContext): StaffPrincipal => {
  const staff = ctx.switchToHttp().getRequest<StaffRequest>().staff;
  if (!staff) throw new UnauthorizedError('Sign in to the console first.');
  return staff;
});
