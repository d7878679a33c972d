export * from './staff.module.js';
export * from './access/permissions.js';
export * from './access/admin-route.decorator.js';
export { type StaffPrincipal, type StaffRequest, staffAuditContext } from './access/staff-principal.js';
export { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './sessions/session-tokens.js';
export { passwordWeakness } from './users/password-policy.js';
export { AdminUsersService } from './admin-users/admin-users.service.js';
export type { StaffUserRecord } from './admin-users/admin-users.repository.js';
