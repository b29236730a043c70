import { eq } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getDb } from '@/lib/db/client';
import { workspaces } from '@/lib/db/schema';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, messagesByLocale, type Locale } from './config';

export const PATHNAME_HEADER = 'x-pulse-pathname';

/** The user's own choice (cookie) → the workspace language (from /w/<slug>) → the browser → English. */
async function resolveLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  const h = await headers();
  const slug = /^\/w\/([^/]+)/.exec(h.get(PATHNAME_HEADER) ?? '')?.[1];
  if (slug) {
    const [ws] = await getDb()
      .select({ locale: workspaces.locale })
      .from(workspaces)
      .where(eq(workspaces.slug, decodeURIComponent(slug)))
      .limit(1);
    if (ws) return ws.locale;
  }
  return localeFromAcceptLanguage(h.get('accept-language')) ?? DEFAULT_LOCALE;
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: messagesByLocale[locale], timeZone: 'Europe/Amsterdam' };
});
