import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AppUnderTest } from './factories.js';
import { fixtureHash } from './fixture-hash.js';
import { http } from './http.js';

export type TestStaffRole = 'admin' | 'compliance_officer' | 'support_agent';

export interface TestStaff {
  id: string;
  email: string;
  password: string;
  role: TestStaffRole;
}

/** A signed-in console session: send `headers` with every admin call (cookie, and the CSRF token). */
export interface StaffSession {
  headers: Record<string, string>;
  cookies: string[];
  csrf: string;
  status: number;
}

/** Staff users straight into the table (as an admin would create them), and console logins over HTTP. */
export const StaffFactory = {
  async create(t: AppUnderTest, role: TestStaffRole, overrides: { status?: 'active' | 'disabled' } = {}) {
    const email = `${role.replace('_', '.')}-${randomBytes(4).toString('hex')}@bank.example`;
    const password = `Pw-${randomBytes(9).toString('base64url')}-9`;
    const [row] = await t.app
      .get(DataSource)
      .query<{ id: string }[]>(
        `INSERT INTO staff_users (email, display_name, role, status, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [email, `Test ${role}`, role, overrides.status ?? 'active', await fixtureHash(password)],
      );
    return { id: row.id, email, password, role } satisfies TestStaff;
  },

  async login(t: AppUnderTest, staff: { email: string; password: string }): Promise<StaffSession> {
    const res = await http(t.url, 'POST', '/admin/auth/login', {
      body: { email: staff.email, password: staff.password },
    });
    const cookies = res.headers.getSetCookie();
    const pairs = cookies.map((c) => c.split(';')[0]).join('; ');
    const csrf = (res.body as { csrf_token?: string } | undefined)?.csrf_token ?? '';
    return { headers: { cookie: pairs, 'x-csrf-token': csrf }, cookies, csrf, status: res.status };
  },

  /** Create a user of the role and sign in. */
  async session(t: AppUnderTest, role: TestStaffRole): Promise<StaffSession & { staff: TestStaff }> {
    const staff = await StaffFactory.create(t, role);
    const session = await StaffFactory.login(t, staff);
    if (session.status !== 200) throw new Error(`login failed: ${session.status}`);
    return { ...session, staff };
  },
};
