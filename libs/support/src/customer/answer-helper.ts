import {
  type IdentificationFacts,
  type Language,
  NO_IDENTIFICATION,
  nextStep,
  retryOf,
  stateWords,
} from './customer-words.js';

/** What the reply may use of the person: the (masked) name only. */
export interface AddressedPerson {
  salutation: string | null;
  first_name: string | null;
  last_name: string | null;
}

export interface Answer {
  language: Language;
  subject: string;
  body: string;
}

const SUBJECT: Record<Language, string> = {
  en: 'Your video identification',
  de: 'Ihre Videoidentifizierung',
};

const SIGN_OFF: Record<Language, string> = {
  en: 'Kind regards\nYour customer support team',
  de: 'Mit freundlichen Grüßen\nIhr Kundenservice',
};

const OPEN_LINK: Record<Language, string> = {
  en: 'Your link:',
  de: 'Ihr Link:',
};

function greeting(p: AddressedPerson, language: Language): string {
  const last = p.last_name?.trim();
  const full = [p.first_name?.trim(), last].filter(Boolean).join(' ');
  if (language === 'de') {
    if (last && p.salutation === 'MS') return `Sehr geehrte Frau ${last},`;
    if (last && p.salutation === 'MR') return `Sehr geehrter Herr ${last},`;
    return full ? `Guten Tag ${full},` : 'Guten Tag,';
  }
  if (last && p.salutation === 'MS') return `Dear Ms ${last},`;
  if (last && p.salutation === 'MR') return `Dear Mr ${last},`;
  return full ? `Dear ${full},` : 'Hello,';
}

/**
 * A ready-to-send reply: greeting, what happened, what to do next (with the valid link, or that a new
 * one follows), sign-off. Built from the state, the catalog's customer guidance and the person's name
 * only, so it cannot carry a `failed` reason (stateWords and nextStep give none), a suspicion, or data
 * the agent does not see.
 */
export function composeAnswer(
  person: AddressedPerson,
  identification: IdentificationFacts | null,
  language: Language,
  now: Date,
): Answer {
  const paragraphs = [greeting(person, language)];
  if (!identification) {
    paragraphs.push(NO_IDENTIFICATION[language]);
  } else {
    paragraphs.push(stateWords(identification)[language], nextStep(identification, now)[language]);
    const retry = retryOf(identification, now);
    if (retry.url) paragraphs.push(`${OPEN_LINK[language]} ${retry.url}`);
  }
  paragraphs.push(SIGN_OFF[language]);
  return { language, subject: SUBJECT[language], body: paragraphs.join('\n\n') };
}
