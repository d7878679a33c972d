import { describe, expect, it } from '@jest/globals';
import { FAILURE_CODES, failureCode, type FailureCode } from './failure-codes.js';
import { FAILURE_GUIDANCE, type FailureGuidance, type Guidance, guidanceFor } from './failure-guidance.js';

// The catalog's own counts are checked against the seed table in failure-codes.spec.ts; here each
// guidance entry is checked against its catalog row.
const entries = FAILURE_CODES.map((f) => [f.code, f, guidanceFor(f.code)!] as const);
const audiences = ['staff', 'customer'] as const;
const languages = ['en', 'de'] as const;

/** Every text of one entry, labelled, for the checks that hold for all of them. */
function texts(g: FailureGuidance, audience?: 'staff' | 'customer', language?: 'en' | 'de') {
  return audiences
    .filter((a) => !audience || a === audience)
    .flatMap((a) =>
      languages
        .filter((l) => !language || l === language)
        .flatMap((l) => (['whatHappened', 'nextStep'] as const).map((k) => [`${a}.${l}.${k}`, g[a][l][k]])),
    ) as [string, string][];
}

const customerTexts = (language?: 'en' | 'de') =>
  entries.flatMap(([code, , g]) =>
    texts(g, 'customer', language).map(([where, text]) => [code, where, text] as const),
  );

/** The seed forbids disclosing a fraud suspicion; these words would, in either language. */
const FORBIDDEN = [
  /fraud/i,
  /suspic/i,
  /suspect/i,
  /forg(e|ed|ery)\b/i,
  /manipulat/i,
  /police/i,
  /security feature/i,
  /fake/i,
  /criminal/i,
  /betrug/i,
  /verdacht/i,
  /fälsch/i,
  /manipul/i,
  /polizei/i,
  /sicherheitsmerkmal/i,
  /kriminal/i,
];
/** Words that put the blame on the customer or judge them. */
const BLAME = [
  /(?<!not )your fault/i,
  /\bwrong/i,
  /mistake/i,
  /careless/i,
  /you failed/i,
  /refus/i,
  /inappropriate/i,
  /indecent/i,
  /abus/i,
  /falsch/i,
  /schuld/i,
  /\bIhr(en)? Fehler/i,
  /unangemessen/i,
  /ungebührlich/i,
  /missbrauch/i,
  /verweiger/i,
];
const forbidden = (text: string) => FORBIDDEN.filter((re) => re.test(text)).map(String);
const blaming = (text: string) => BLAME.filter((re) => re.test(text)).map(String);

const NOT_YOUR_FAULT = { en: 'this was not your fault', de: 'das lag nicht an Ihnen' } as const;
const codesWhere = (pick: (f: FailureCode, g: FailureGuidance) => boolean) =>
  entries.filter(([, f, g]) => pick(f, g)).map(([code]) => code);

describe('FAILURE_GUIDANCE', () => {
  it('has guidance for exactly the catalog codes, in the catalog order', () => {
    expect(Object.keys(FAILURE_GUIDANCE)).toEqual(FAILURE_CODES.map((f) => f.code));
    expect(entries).toHaveLength(59);
  });

  it.each(entries)('%s has both texts for both audiences in both languages', (_code, _f, g) => {
    expect(['yes', 'after_fix', 'no']).toContain(g.retry);
    for (const a of audiences) {
      for (const l of languages) {
        const guidance: Guidance = g[a][l];
        expect(Object.keys(guidance).sort()).toEqual(['nextStep', 'whatHappened']);
        expect(guidance.whatHappened.trim()).not.toBe('');
        expect(guidance.nextStep.trim()).not.toBe('');
      }
    }
  });

  it('says "no retry" for exactly the 6 permanent codes', () => {
    const permanent = codesWhere((f) => f.permanent);
    expect(permanent).toHaveLength(6);
    expect(codesWhere((_f, g) => g.retry === 'no')).toEqual(permanent);
  });

  it('tells the customer it was not their fault for exactly the 4 codes not caused by the user', () => {
    const notUser = codesWhere((f) => f.causedByUser === 'no');
    expect(notUser).toEqual([
      'TECH_INTERNAL_SERVER_ERROR',
      'IDENT_CODE_NOT_RECEIVED',
      'INCORRECT_ID_NUMBER',
      'INCORRECT_NAME_IN_QES',
    ]);
    for (const l of languages) {
      expect(codesWhere((_f, g) => g.customer[l].whatHappened.includes(NOT_YOUR_FAULT[l]))).toEqual(notUser);
      // Nothing for the customer to fix: a plain retry.
      expect(codesWhere((f, g) => f.causedByUser === 'no' && g.retry !== 'yes')).toEqual([]);
    }
  });

  it('stays neutral for the 6 codes whose cause is unknown: the customer is not made the actor', () => {
    const unknown = entries.filter(([, f]) => f.causedByUser === 'unknown');
    expect(unknown).toHaveLength(6);
    const bad = unknown.filter(
      ([, , g]) =>
        /\byou\b|fault/i.test(g.customer.en.whatHappened) ||
        /\bSie\b|an Ihnen/.test(g.customer.de.whatHappened),
    );
    expect(bad.map(([code]) => code)).toEqual([]);
  });

  it('never mentions fraud, suspicion, forgery, manipulation, the police or security features to the customer', () => {
    // The check itself: the seed's own wording would fail it, in English and in German.
    expect(forbidden(failureCode('TECH_HOLOGRAM')!.description)).not.toEqual([]);
    expect(
      forbidden('Gefälschter Ausweis, Verdacht auf Betrug, Sicherheitsmerkmale manipuliert'),
    ).toHaveLength(5);
    const hits = customerTexts()
      .map(([code, where, text]) => [code, where, forbidden(text)] as const)
      .filter(([, , words]) => words.length);
    expect(hits).toEqual([]);
  });

  it('never blames or judges the customer', () => {
    expect(blaming('You entered the wrong number.')).not.toEqual([]);
    expect(blaming('Das war Ihr Fehler.')).not.toEqual([]);
    expect(blaming('A technical error occurred; this was not your fault.')).toEqual([]);
    const hits = customerTexts()
      .map(([code, where, text]) => [code, where, blaming(text)] as const)
      .filter(([, , words]) => words.length);
    expect(hits).toEqual([]);
  });

  it('never shows the customer a code', () => {
    const codeLike = /\b[A-Z]+(?:_[A-Z]+)+\b/;
    const hits = customerTexts().filter(
      ([, , text]) =>
        codeLike.test(text) || FAILURE_CODES.some((f) => text.toLowerCase().includes(f.code.toLowerCase())),
    );
    expect(hits).toEqual([]);
  });

  it('writes every text as one sentence of at most 200 characters', () => {
    const bad = entries.flatMap(([code, , g]) =>
      texts(g)
        .filter(
          ([, text]) =>
            text.length > 200 ||
            text !== text.trim() ||
            !/^[A-ZÄÖÜ]/.test(text) ||
            !text.endsWith('.') ||
            /[.!?]\s/.test(text),
        )
        .map(([where, text]) => [code, where, text.length, text]),
    );
    expect(bad).toEqual([]);
  });

  it('speaks to the customer politely in the second person, in German with "Sie"', () => {
    const bad = entries.flatMap(([code, , g]) => {
      const en = `${g.customer.en.whatHappened} ${g.customer.en.nextStep}`;
      const de = `${g.customer.de.whatHappened} ${g.customer.de.nextStep}`;
      const problems = [
        !/\byour?\b/i.test(en) && 'en: not addressed to the customer',
        !/\b(Sie|Ihnen|Ihr|Ihre|Ihrem|Ihren|Ihrer|Ihres)\b/.test(de) && 'de: no Sie-form',
        /\b(du|dich|dir|dein\w*|euch|euer)\b/i.test(de) && 'de: du-form',
        !/\bplease\b/i.test(g.customer.en.nextStep) && 'en: next step without please',
        !/\bbitte\b/i.test(g.customer.de.nextStep) && 'de: next step without bitte',
      ];
      return problems.filter(Boolean).map((p) => [code, p]);
    });
    expect(bad).toEqual([]);
  });

  it('writes German texts in German, not English', () => {
    const english = /\b(the|please|you|your|and|with|was|not)\b/i;
    const bad = entries.flatMap(([code, , g]) =>
      audiences.flatMap((a) =>
        (['whatHappened', 'nextStep'] as const)
          .filter((k) => english.test(g[a].de[k]) || g[a].de[k] === g[a].en[k])
          .map((k) => [code, `${a}.de.${k}`, g[a].de[k]]),
      ),
    );
    expect(bad).toEqual([]);
  });

  it('does not invite a retry when the reason is permanent', () => {
    const invites = { en: /try again|start again|repeat it/i, de: /erneut|noch einmal|neu beginnen/i };
    const bad = entries
      .filter(([, f]) => f.permanent)
      .flatMap(([code, , g]) =>
        languages.filter((l) => invites[l].test(g.customer[l].nextStep)).map((l) => [code, l]),
      );
    expect(bad).toEqual([]);
    for (const [, , g] of entries.filter(([, f]) => f.permanent)) {
      expect(g.staff.en.nextStep).toMatch(/^Do not request another identification/);
      expect(g.staff.de.nextStep).toMatch(/^Keine neue Identifizierung anstoßen/);
    }
  });

  it('keeps what the seed says: no suspicion of fraud, eSigning only, 30 minutes, not caused by the user', () => {
    const bad = entries.flatMap(([code, f, g]) => {
      const problems = [
        f.description.includes('No suspicion of fraud') &&
          !(
            g.staff.en.whatHappened.includes('no suspicion of fraud') &&
            g.staff.de.whatHappened.includes('kein Betrugsverdacht')
          ) &&
          'staff: no suspicion of fraud',
        /\beSign/.test(f.description) &&
          !(
            g.staff.en.whatHappened.startsWith('Only for eSigning: ') &&
            g.staff.de.whatHappened.startsWith('Nur bei eSigning: ') &&
            g.customer.en.whatHappened.includes('electronic signature') &&
            g.customer.de.whatHappened.includes('elektronische')
          ) &&
          'eSigning only',
        f.causedByUser === 'no' &&
          !g.staff.en.whatHappened.includes('IDnow does not attribute') &&
          'staff: not caused by the user',
      ];
      return problems.filter(Boolean).map((p) => [code, p]);
    });
    expect(bad).toEqual([]);
    const timeout = guidanceFor('TECH_TIMEOUT')!;
    for (const [, text] of texts(timeout).filter(([where]) => where.endsWith('whatHappened'))) {
      expect(text).toMatch(/30 minute/i);
    }
    expect(guidanceFor('NO_ESIGN_FRAUD')!.staff.en.whatHappened).toContain('FRAUD_SUSPICION_PENDING');
  });

  it('is frozen, so no caller can change what staff and customers are told', () => {
    const g = FAILURE_GUIDANCE.TECH_LIGHTING;
    expect(Object.isFrozen(FAILURE_GUIDANCE)).toBe(true);
    expect(Object.isFrozen(g)).toBe(true);
    expect(Object.isFrozen(g.customer)).toBe(true);
    expect(Object.isFrozen(g.customer.de)).toBe(true);
  });
});

describe(guidanceFor.name, () => {
  it('finds the guidance of a catalog code', () => {
    expect(guidanceFor('TECH_LIGHTING')).toBe(FAILURE_GUIDANCE.TECH_LIGHTING);
    expect(guidanceFor('TECH_LIGHTING')?.retry).toBe('after_fix');
    expect(guidanceFor('USER_LANGUAGE')?.retry).toBe('no');
    expect(guidanceFor('CONNECTION_LOST')?.retry).toBe('yes');
  });

  it('answers undefined for an unknown or differently cased code', () => {
    expect(guidanceFor('FRAUD_SUSPICION_PENDING')).toBeUndefined();
    expect(guidanceFor('tech_lighting')).toBeUndefined();
    expect(guidanceFor('toString')).toBeUndefined();
    expect(guidanceFor('')).toBeUndefined();
  });
});
