import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AuditActor, AuditService } from '#kyc/audit';
import { PartnerAuthService } from '#kyc/auth';
import type { Officer } from '#kyc/identifications';
import { AdminUsersService } from '#kyc/staff';
import { DEMO_OFFICERS, DEMO_PARTNERS } from './demo-mix.js';

/** What the demo data's own actions carry in the audit trail, so they are told apart from real work. */
export const DEMO_REQUEST_ID = 'demo-data';
const SYSTEM: AuditActor = {
  actorType: 'system',
  actorId: null,
  role: null,
  requestId: DEMO_REQUEST_ID,
  ip: null,
};

export interface DemoLoaded {
  persons: number;
  seed: number;
  days: number;
  end: Date;
  identifications: number;
}

/**
 * Who acts in the demo: the demo partners (each with an API client whose secret nobody is shown; an
 * admin rotates it to use one) and two compliance officers (random passwords; an admin resets one to
 * sign in as them). Created on the first load, reused after.
 */
@Injectable()
export class DemoSetup {
  constructor(
    private readonly partners: PartnerAuthService,
    private readonly users: AdminUsersService,
    private readonly audit: AuditService,
  ) {}

  /** The two officers, the second confirming the first's four-eyes decisions. */
  async prepare(): Promise<[Officer, Officer]> {
    for (const p of DEMO_PARTNERS) {
      await this.partners.upsertClient(
        { id: p.id, name: p.name },
        `${p.id}-backend`,
        PartnerAuthService.newSecret(),
      );
    }
    const [first, second] = DEMO_OFFICERS;
    return [await this.officer(first), await this.officer(second)];
  }

  /** One audit event for the whole load: counts and the seed, no personal data. */
  async recordLoaded(loaded: DemoLoaded): Promise<void> {
    await this.audit.record({
      ...SYSTEM,
      action: 'demo_data.loaded',
      diff: { ...loaded, end: loaded.end.toISOString() },
    });
  }

  private async officer(o: (typeof DEMO_OFFICERS)[number]): Promise<Officer> {
    const found = await this.users.list({
      sort: { field: 'created_at', order: 'ASC' },
      offset: 0,
      limit: 10,
      filter: { q: o.email },
    });
    const user =
      found.rows.find((u) => u.email.toLowerCase() === o.email) ??
      (await this.users.create(
        {
          ...o,
          role: 'compliance_officer',
          // Nobody knows it: upper, lower, digit and symbol guaranteed, 32 random bytes besides.
          password: `Demo-${randomBytes(32).toString('base64url')}-9x`,
        },
        SYSTEM,
      ));
    return {
      actorType: 'staff',
      actorId: user.id,
      role: 'compliance_officer',
      requestId: DEMO_REQUEST_ID,
      ip: null,
    };
  }
}
