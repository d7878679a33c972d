import { randomBytes } from 'node:crypto';
import { PartnerAuthRepository, PartnerAuthService } from '#kyc/auth';
import type { INestApplication } from '@nestjs/common';
import { CANARY_MARKER } from './canary.js';
import { fixtureHash } from './fixture-hash.js';
import { http } from './http.js';

/** What factories need of a running app: its URL and its DI container. */
export interface AppUnderTest {
  url: string;
  app: INestApplication;
}

export interface TestPartner {
  partnerId: string;
  clientId: string;
  secret: string;
  token: string;
}

/** Letters only, since names may not hold digits; distinct per call. */
export function randomName(length = 10): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const bytes = randomBytes(length);
  const s = [...bytes].map((b) => letters[b % letters.length]).join('');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const PartnerFactory = {
  async create(t: AppUnderTest, name = randomName()): Promise<TestPartner> {
    const partnerId = `p-${randomBytes(6).toString('hex')}`;
    const clientId = `c-${randomBytes(6).toString('hex')}`;
    const secret = PartnerAuthService.newSecret();
    await t.app
      .get(PartnerAuthRepository)
      .upsertClient({ id: partnerId, name }, clientId, await fixtureHash(secret));
    const res = await http(t.url, 'POST', '/oauth/token', {
      body: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret },
    });
    if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
    return { partnerId, clientId, secret, token: res.body.access_token };
  },
};

/**
 * The seed's POST /v1/persons body, with unique last names so the sandbox identity limit never bites. The
 * last name carries the canary marker (canary.ts); the seed's other values stay because specs assert them,
 * and the scanner knows them anyway (http() records every personal value a test sends).
 */
export const PersonFactory = {
  body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      salutation: 'MS',
      first_name: 'Jane',
      last_name: `Doe ${CANARY_MARKER}${randomName()}`,
      address: {
        line_1: 'Amrumerstrasse',
        line_2: '14',
        postal_code: '13353',
        city: 'Berlin',
        country: 'DE',
      },
      mobile_number: '+49301234567',
      birth_date: '1992-12-11',
      nationality: 'DE',
      terms_conditions_signed_at: '2022-01-01T00:00:00.000Z',
      data_terms_signed_at: '2022-01-01T00:00:00.000Z',
      ...overrides,
    };
  },
  async create(t: AppUnderTest, partner: TestPartner, overrides: Record<string, unknown> = {}) {
    const res = await http(t.url, 'POST', '/v1/persons', {
      token: partner.token,
      body: PersonFactory.body(overrides),
    });
    if (res.status !== 201)
      throw new Error(`person create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string } & Record<string, unknown>;
  },
};
