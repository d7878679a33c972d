import { describe, expect, it } from '@jest/globals';
import {
  FAILURE_CODES,
  FAILURE_GUIDANCE,
  type FailureCodeName,
  IDENTIFICATION_STATUSES,
} from '#kyc/identifications';
import { maskPerson, type PersonResponse } from '#kyc/persons';
import { composeAnswer } from './answer-helper.js';
import type { Language } from './customer-words.js';

const NOW = new Date('2026-11-27T10:00:00Z');
const VALID = new Date('2026-12-05T10:00:00Z');
const EXPIRED = new Date('2026-11-20T10:00:00Z');
const URL = 'https://go.test.idnow.de/kyc/ident/TST-KCCEY';
const LANGUAGES: Language[] = ['en', 'de'];

// What the agent does not see: the full phone, the birth date, the street (masked away on the server).
const FULL = {
  salutation: 'MS',
  first_name: 'Jane',
  last_name: 'Doe',
  birth_date: '1992-12-11',
  birth_city: 'Hamburg',
  mobile_number: '+49301234567',
  address: {
    line_1: 'Amrumerstrasse',
    line_2: '14',
    postal_code: '13353',
    city: 'Berlin',
    country: 'DE',
    state: null,
  },
  contact_address: { line_1: null, line_2: null, postal_code: null, city: null, country: null, state: null },
} as unknown as PersonResponse;
const HIDDEN = [
  '+49301234567',
  '0301234567',
  '301234567',
  '1992-12-11',
  '11.12.1992',
  'Amrumerstrasse',
  'Hamburg',
];

const CODES = FAILURE_CODES.map((c) => c.code as FailureCodeName);

/** Every text the catalog holds about a code: its name, description and staff and customer guidance. */
function catalogTexts(code: FailureCodeName): string[] {
  const g = FAILURE_GUIDANCE[code];
  const description = FAILURE_CODES.find((c) => c.code === code)!.description;
  return [
    code,
    description,
    ...[g.staff, g.customer].flatMap((audience) =>
      LANGUAGES.flatMap((l) => [audience[l].whatHappened, audience[l].nextStep]),
    ),
  ];
}

const cases = CODES.flatMap((code) =>
  IDENTIFICATION_STATUSES.flatMap((status) =>
    LANGUAGES.flatMap((language) =>
      [VALID, EXPIRED].map((urlExpiresAt) => ({ code, status, language, urlExpiresAt })),
    ),
  ),
);

const answer = (c: (typeof cases)[number]) =>
  composeAnswer(
    maskPerson(FULL),
    { status: c.status, failureReason: c.code, url: URL, urlExpiresAt: c.urlExpiresAt },
    c.language,
    NOW,
  );

const text = (a: { subject: string; body: string }) => `${a.subject}\n${a.body}`;

describe(composeAnswer.name, () => {
  it('covers all 59 codes, 9 statuses and both languages', () => {
    expect(CODES).toHaveLength(59);
    expect(IDENTIFICATION_STATUSES).toHaveLength(9);
    expect(cases).toHaveLength(59 * 9 * 2 * 2);
  });

  it('never contains the reason of a failed identification: no code, description or guidance of it', () => {
    for (const c of cases.filter((x) => x.status === 'failed')) {
      const t = text(answer(c));
      for (const s of catalogTexts(c.code))
        expect({ ...c, leaked: t.includes(s) ? s : null }).toMatchObject({ leaked: null });
    }
  });

  it('gives the reason only for aborted and canceled: any other status reads the same whatever the code', () => {
    for (const c of cases.filter((x) => x.status !== 'aborted' && x.status !== 'canceled')) {
      const withoutCode = composeAnswer(
        maskPerson(FULL),
        { status: c.status, failureReason: null, url: URL, urlExpiresAt: c.urlExpiresAt },
        c.language,
        NOW,
      );
      expect({ ...c, body: answer(c).body }).toStrictEqual({ ...c, body: withoutCode.body });
    }
  });

  it('never mentions fraud, in any language, for any code and status', () => {
    for (const c of cases)
      expect({ ...c, text: text(answer(c)) }).not.toMatchObject({
        text: expect.stringMatching(/fraud|betrug/i),
      });
  });

  it('never contains personal data the agent cannot see, only the name', () => {
    for (const c of cases) {
      const t = text(answer(c));
      for (const hidden of HIDDEN)
        expect({ ...c, hidden, found: t.includes(hidden) }).toMatchObject({ found: false });
      expect(t).toContain('Doe');
    }
  });

  it('for aborted and canceled says what happened and what to do, in the language asked, with the link while valid', () => {
    for (const c of cases.filter(
      (x) => (x.status === 'aborted' || x.status === 'canceled') && x.code !== 'NO_ESIGN_FRAUD',
    )) {
      const { body } = answer(c);
      const g = FAILURE_GUIDANCE[c.code].customer[c.language];
      expect(body).toContain(g.whatHappened);
      expect(body).toContain(g.nextStep);
      const sameLink = c.urlExpiresAt === VALID && FAILURE_GUIDANCE[c.code].retry !== 'no';
      expect({ ...c, link: body.includes(URL) }).toStrictEqual({ ...c, link: sameLink });
    }
  });

  it('writes the German TECH_LIGHTING canceled answer a support agent copies', () => {
    const a = composeAnswer(
      maskPerson(FULL),
      { status: 'canceled', failureReason: 'TECH_LIGHTING', url: URL, urlExpiresAt: VALID },
      'de',
      NOW,
    );
    expect(a).toStrictEqual({
      language: 'de',
      subject: 'Ihre Videoidentifizierung',
      body: [
        'Sehr geehrte Frau Doe,',
        'Ihre Videoidentifizierung konnte nicht abgeschlossen werden. Die Beleuchtung reichte nicht aus, um Sie oder Ihr Ausweisdokument deutlich zu erkennen.',
        'Bitte versuchen Sie es in einem gut beleuchteten Raum erneut, ohne starkes Gegenlicht. Ihr bisheriger Link ist bis zum 5. Dezember 2026 gültig.',
        `Ihr Link: ${URL}`,
        'Mit freundlichen Grüßen\nIhr Kundenservice',
      ].join('\n\n'),
    });
  });

  it('promises a new link when the old one expired, and gives the generic wording for failed', () => {
    const expired = composeAnswer(
      maskPerson(FULL),
      { status: 'canceled', failureReason: 'TECH_PHOTO', url: URL, urlExpiresAt: EXPIRED },
      'en',
      NOW,
    );
    expect(expired.body).toContain('We will send you a new link for your video identification.');
    expect(expired.body).not.toContain(URL);
    const failed = composeAnswer(
      { salutation: 'MR', first_name: 'Jan', last_name: 'Müller' },
      { status: 'failed', failureReason: 'TECH_PHOTO', url: URL, urlExpiresAt: VALID },
      'de',
      NOW,
    );
    expect(failed.body).toBe(
      [
        'Sehr geehrter Herr Müller,',
        'Leider war Ihre Videoidentifizierung nicht erfolgreich.',
        'Weitere Auskünfte können wir Ihnen dazu leider nicht geben. Bei Fragen antworten Sie einfach auf diese Nachricht.',
        'Mit freundlichen Grüßen\nIhr Kundenservice',
      ].join('\n\n'),
    );
  });
});
