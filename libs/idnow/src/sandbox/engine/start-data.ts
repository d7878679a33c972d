/** The flat fields of IDnow's start request, in the documented order (fixtures/idnow/README.md). */
export const START_FIELDS = [
  'birthday',
  'birthplace',
  'birthname',
  'city',
  'country',
  'custom1',
  'custom2',
  'custom3',
  'custom4',
  'custom5',
  'trackingid',
  'email',
  'firstname',
  'gender',
  'lastname',
  'mobilephone',
  'nationality',
  'street',
  'streetnumber',
  'title',
  'zipcode',
  'preferredLang',
] as const;
export type StartField = (typeof START_FIELDS)[number];

/** What the partner sent with start, as sent (strings only). */
export type SandboxStartData = Partial<Record<StartField, string>>;

export type PageLanguage = 'de' | 'en';

/** The customer page speaks German or English (seed: "The call takes place either in English or in German"). */
export function languageOf(data: SandboxStartData): PageLanguage {
  return data.preferredLang?.trim().toLowerCase().startsWith('de') ? 'de' : 'en';
}
