import type { FastifyRequest } from 'fastify';
import type { StaffRole } from './permissions.js';

/** The signed-in staff member of a request, set by the admin guard. */
export interface StaffPrincipal {
  userId: string;
  role: StaffRole;
  displayName: string;
  email: string;
  sessionId: string;
  mfaEnabled: boolean;
  /** MFA is required for the role and not set up yet: only enrolment is allowed. */
  mfaEnrolmentRequired: boolean;
}

export type StaffRequest = FastifyRequest & { staff?: StaffPrincipal };

/** Who did it, from where, under which request: the fields every audit event of a staff action carries. */
export function staffAuditContext(req: StaffRequest) {
  return {
    actorType: 'staff' as const,
    actorId: req.staff?.userId ?? null,
    role: req.staff?.role ?? null,
    requestId: String(req.id),
    ip: req.ip,
  };
}
