import { randomUUID } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { BodyTooLarge, readRequestBody } from '@/lib/http/body';
import { assertSameOrigin, type RouteContext } from '@/lib/http/route-context';
import { loggableError } from '@/lib/log/safe-error';
import { preferencesSendId } from '@/lib/sequences/preference-links';
import { preferenceFormFromBody, savePreferences } from '@/lib/sequences/preferences';
import { localeFromAcceptLanguage } from '@/lib/i18n/config';
import { problemPage } from '@/lib/tracking/pages';

/** Five topics, a frequency and a one-time id fit in well under a kilobyte. */
export const MAX_PREFERENCE_FORM_BYTES = 4096;

const NO_STORE = 'no-store, no-cache, must-revalidate, max-age=0';

/**
 * The preference centre's form POST (app/p/[token]): save, or unsubscribe from everything, then a
 * 303 back to the page with what happened (post/redirect/get: a reload never posts twice). A bad
 * token answers the plain not-found page; a cross-site form is refused.
 */
export async function POST(request: Request, context: RouteContext<{ token: string }>): Promise<Response> {
  const { token } = await context.params;
  if (preferencesSendId(token) === null) return notFoundPage(request);
  try {
    assertSameOrigin(request);
  } catch {
    return new Response(null, { status: 403, headers: { 'cache-control': NO_STORE } });
  }
  let form: Record<string, unknown>;
  try {
    form = preferenceFormFromBody(new URLSearchParams((await readRequestBody(request, MAX_PREFERENCE_FORM_BYTES)).toString('utf8')));
  } catch (e) {
    if (e instanceof BodyTooLarge) return back(token, 'tooLarge');
    throw e;
  }
  try {
    const { outcome } = await savePreferences({ ctx: { db: getDb() }, input: { token, form } });
    return back(token, outcome);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return notFoundPage(request);
    if (e instanceof AppError && e.code === 'VALIDATION') return back(token, 'invalid');
    if (e instanceof AppError && e.code === 'RATE_LIMITED') return back(token, 'tooMany');
    console.error(`[route POST /p/…/save] request ${randomUUID()}`, loggableError(e));
    return back(token, 'failed');
  }
}

/** The token passed the shape check, so it is safe in a Location header as it is. */
function back(token: string, notice: string): Response {
  return new Response(null, { status: 303, headers: { location: `/p/${token}?notice=${notice}`, 'cache-control': NO_STORE } });
}

function notFoundPage(request: Request): Response {
  const locale = localeFromAcceptLanguage(request.headers.get('accept-language')) ?? 'en';
  return new Response(problemPage(locale, 'notFound'), {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': NO_STORE, 'referrer-policy': 'no-referrer' },
  });
}
