import { START_FIELDS } from '../../client/idnow-start-data.js';

export { START_FIELDS };
export type StartField = (typeof START_FIELDS)[number];

/** What the partner sent with start, as sent (strings only). */
export type SandboxStartData = Partial<Record<StartField, string>>;

export type PageLanguage = 'de' | 'en';

/** The customer page speaks German or English (seed: "The call takes place either in English or in German"). */
export function languageOf(data: SandboxStartData): PageLanguage {
  return data.preferredLang?.trim().toLowerCase().startsWith('de') ? 'de' : 'en';
}
