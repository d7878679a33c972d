import type { CustomerLanguage } from './types';

/** The customer's language as the support texts know it (DE/EN); anything else reads as English. */
export const toLanguage = (value: string | null | undefined): CustomerLanguage =>
  value?.toLowerCase().startsWith('de') ? 'de' : 'en';

export const LANGUAGES: readonly CustomerLanguage[] = ['de', 'en'];
