import { eq } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { getDb } from '@/lib/db/client';
import { workspaces } from '@/lib/db/schema';
import { formats } from './formats';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, localeFromAcceptLanguage, messagesByLocale, type Locale } from './config';

export const PATHNAME_HEADER = 'x-pulse-pathname';

const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';

/**
 * Locale: the user's own choice (cookie) → the workspace language (from /w/<slug>) → the browser
 * → English. Dates are shown in the workspace's timezone.
 */
async function resolve(): Promise<{ locale: Locale; timeZone: string }> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  const h = await headers();
  const slug = /^\/w\/([^/]+)/.exec(h.get(PATHNAME_HEADER) ?? '')?.[1];
  const [ws] = slug
    ? await getDb()
        .select({ locale: workspaces.locale, timeZone: workspaces.timezone })
        .from(workspaces)
        .where(eq(workspaces.slug, decodeURIComponent(slug)))
        .limit(1)
    : [];
  const locale = isLocale(chosen) ? chosen : (ws?.locale ?? localeFromAcceptLanguage(h.get('accept-language')) ?? DEFAULT_LOCALE);
  return { locale, timeZone: ws?.timeZone ?? DEFAULT_TIME_ZONE };
}

export default getRequestConfig(async () => {
  const { locale, timeZone } = await resolve();
  return { locale, messages: messagesByLocale[locale], timeZone, formats };
});
