import polyglotI18nProvider from 'ra-i18n-polyglot';
import type { I18nProvider, TranslationMessages } from 'react-admin';
import { en } from './en';
import { zh } from './zh';

const LOCALES = [
  { locale: 'en', name: 'English' },
  { locale: 'zh-CN', name: '中文' },
];

const MESSAGES: Record<string, TranslationMessages> = { en, 'zh-CN': zh };
export const LOCALE_STORAGE_KEY = 'pace.locale';

/**
 * Opens in the locale chosen last, else the browser's. The choice is kept under a key of its own: react-admin's
 * store also remembers it, but signing out clears that store.
 */
export function createI18nProvider(): I18nProvider {
  const polyglot = polyglotI18nProvider((locale) => MESSAGES[locale] ?? en, initialLocale(), LOCALES);
  return {
    ...polyglot,
    changeLocale(locale, options) {
      localStorage.setItem(LOCALE_STORAGE_KEY, locale);
      return polyglot.changeLocale(locale, options);
    },
  };
}

function initialLocale(): string {
  const stored = localStorage.getItem(LOCALE_STORAGE_KEY);
  if (stored && stored in MESSAGES) return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
