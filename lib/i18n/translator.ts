import { createTranslator } from 'next-intl';
import { messagesByLocale, type Locale } from './config';

/** Translations outside React (mail templates, workers). */
export function translator(locale: Locale) {
  return createTranslator({ locale, messages: messagesByLocale[locale] });
}
