import { DEFAULT_LOCALE, LOCALES, type Locale } from '@/lib/db/schema/workspaces/constants';
import en from './messages/en.json';
import nl from './messages/nl.json';

export { DEFAULT_LOCALE, LOCALES, type Locale };
export const LOCALE_COOKIE = 'pulse-locale';
export const messagesByLocale = { en, nl } as const;
export type Messages = typeof en;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks the best supported locale from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const tag = part.split(';')[0].trim().toLowerCase().slice(0, 2);
    if (isLocale(tag)) return tag;
  }
  return null;
}
