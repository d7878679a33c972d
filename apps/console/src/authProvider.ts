import type { AuthProvider } from 'react-admin';
import { canAccess } from './canAccess';
import { API, csrfToken, errorCode, httpClient, type SolarisError } from './httpClient';
import type { Me } from './types';

/** A refused sign-in: `code` is the server's (`unauthorized`, `mfa_required`, `too_many_requests`, ...). */
export class LoginError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/**
 * How react-admin expects checkAuth and checkError to refuse ({message, redirectTo, logoutUser}), as an Error.
 * `message: false` means no notification: the login page says why the session ended itself.
 */
class AuthRejection extends Error {
  constructor(
    message: string | false,
    readonly redirectTo?: string,
    readonly logoutUser = true,
  ) {
    super(message || '');
    if (message === false) Object.defineProperty(this, 'message', { value: false });
  }
}

/** Set when a live session ends (idle or absolute timeout); the login page shows it once. */
export const SESSION_ENDED_KEY = 'kyc.session_ended';

export interface Credentials {
  email: string;
  password: string;
  otp?: string;
}

// The signed-in staff member, fetched once per page load and refreshed on every route change (checkAuth).
let me: Promise<Me> | undefined;
// Whether this tab has seen a live session: a later 401 then means it ended (idle or absolute timeout).
let hadSession = false;

async function fetchMe(): Promise<Me> {
  const { json } = await httpClient(`${API}/auth/me`);
  hadSession = true;
  return json as Me;
}

function currentMe(): Promise<Me> {
  me ??= fetchMe().catch((e: unknown) => {
    me = undefined;
    throw e;
  });
  return me;
}

/** Forget the cached identity, e.g. after MFA enrolment changed it. */
export function refreshMe(): Promise<Me> {
  me = undefined;
  return currentMe();
}

function statusOf(e: unknown): number | undefined {
  return typeof e === 'object' && e !== null && 'status' in e ? Number(e.status) : undefined;
}

function ended(): AuthRejection {
  me = undefined;
  if (hadSession) sessionStorage.setItem(SESSION_ENDED_KEY, '1');
  hadSession = false;
  return new AuthRejection(false);
}

export const authProvider: AuthProvider = {
  async login({ email, password, otp }: Credentials) {
    const body = { email, password, ...(otp ? { otp: otp.trim() } : {}) };
    const res = await fetch(`${API}/auth/login`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as Me & { errors?: SolarisError[] };
    if (!res.ok) {
      const first = json.errors?.[0];
      const retry = Number(res.headers.get('retry-after'));
      throw new LoginError(
        first?.code ?? 'unauthorized',
        first?.detail ?? res.statusText,
        Number.isFinite(retry) && retry > 0 ? retry : undefined,
      );
    }
    const signedIn: Me = {
      id: json.id,
      email: json.email,
      display_name: json.display_name,
      role: json.role,
      permissions: json.permissions,
      mfa_enabled: json.mfa_enabled,
      mfa_enrolment_required: json.mfa_enrolment_required,
    };
    me = Promise.resolve(signedIn);
    hadSession = true;
    sessionStorage.removeItem(SESSION_ENDED_KEY);
    return signedIn.mfa_enrolment_required ? { redirectTo: '/mfa' } : undefined;
  },

  async logout() {
    const wasSignedIn = me !== undefined || csrfToken() !== '';
    me = undefined;
    hadSession = false;
    if (!wasSignedIn) return;
    // A session that already ended answers 401 here; the user is signed out either way.
    await httpClient(`${API}/auth/logout`, { method: 'POST' }).catch(() => undefined);
  },

  async checkAuth() {
    try {
      me = Promise.resolve(await fetchMe());
    } catch (e) {
      if (statusOf(e) === 401) throw ended();
      throw e;
    }
  },

  checkError(error: unknown) {
    const status = statusOf(error);
    if (status === 401) return Promise.reject(ended());
    if (status === 403 && errorCode(error) === 'mfa_enrolment_required') {
      return Promise.reject(new AuthRejection('kyc.mfa.enrolment_required', '/mfa', false));
    }
    return Promise.resolve();
  },

  async getIdentity() {
    const m = await currentMe();
    return { ...m, fullName: m.display_name };
  },

  async getPermissions() {
    return (await currentMe()).permissions;
  },

  async canAccess({ resource, action }) {
    return canAccess(await currentMe(), resource, action);
  },
};
