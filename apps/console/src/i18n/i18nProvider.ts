import polyglotI18nProvider from 'ra-i18n-polyglot';
import { en } from './en';

/** English is in the first bundle; German is loaded when chosen (react-admin remembers the choice). */
export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'de' ? import('./de').then((m) => m.de) : en),
  'en',
  [
    { locale: 'en', name: 'English' },
    { locale: 'de', name: 'Deutsch' },
  ],
);
