import { isLocale, localeFromAcceptLanguage, type Locale } from '@/lib/i18n/config';
import { escapeHtml } from '@/lib/mail/html';

/**
 * The public pages of the tracking path: self-contained HTML (no scripts, no external assets),
 * in English or Dutch. The unsubscribe form posts back to its own URL, so it works without JS.
 */
const TEXT = {
  en: {
    confirmTitle: 'Unsubscribe',
    confirmBody: (ws: string) => `Do you want to stop receiving emails from ${ws}?`,
    confirmButton: 'Unsubscribe',
    doneTitle: 'You are unsubscribed',
    doneBody: (ws: string) => `You will no longer receive emails from ${ws}. Changed your mind? Contact the sender.`,
    notFoundTitle: 'Link not valid',
    notFoundBody: 'This link is not valid or no longer exists.',
    errorTitle: 'Something went wrong',
    errorBody: 'We could not handle your request just now. Please try again in a few minutes.',
    tooLargeTitle: 'Request too large',
    methodTitle: 'Method not allowed',
  },
  nl: {
    confirmTitle: 'Afmelden',
    confirmBody: (ws: string) => `Wil je geen e-mails meer ontvangen van ${ws}?`,
    confirmButton: 'Afmelden',
    doneTitle: 'Je bent afgemeld',
    doneBody: (ws: string) => `Je ontvangt geen e-mails meer van ${ws}. Toch van gedachten veranderd? Neem contact op met de afzender.`,
    notFoundTitle: 'Link niet geldig',
    notFoundBody: 'Deze link is niet geldig of bestaat niet meer.',
    errorTitle: 'Er ging iets mis',
    errorBody: 'We konden je verzoek nu niet verwerken. Probeer het over een paar minuten opnieuw.',
    tooLargeTitle: 'Verzoek te groot',
    methodTitle: 'Methode niet toegestaan',
  },
} satisfies Record<Locale, Record<string, string | ((ws: string) => string)>>;

/** The browser's language if we speak it, else the workspace's, else English. */
export function pageLocale(acceptLanguage: string | undefined, fallback?: string): Locale {
  return localeFromAcceptLanguage(acceptLanguage ?? null) ?? (isLocale(fallback) ? fallback : 'en');
}

function page(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{margin:0;padding:24px;background:#f4f4f5;color:#18181b;font:16px/1.6 -apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif}
main{max-width:480px;margin:10vh auto 0;background:#fff;border-radius:12px;padding:32px}h1{margin:0 0 12px;font-size:24px;line-height:1.3}
button{font:inherit;font-weight:600;color:#fff;background:#4338ca;border:0;border-radius:8px;padding:12px 24px;cursor:pointer}
button:focus-visible{outline:3px solid #18181b;outline-offset:2px}</style></head>
<body><main>${body}</main></body></html>`;
}

export function confirmPage(locale: Locale, workspaceName: string): string {
  const t = TEXT[locale];
  return page(
    locale,
    t.confirmTitle,
    `<h1>${escapeHtml(t.confirmTitle)}</h1><p>${escapeHtml(t.confirmBody(workspaceName))}</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(t.confirmButton)}</button></form>`,
  );
}

export function donePage(locale: Locale, workspaceName: string): string {
  const t = TEXT[locale];
  return page(locale, t.doneTitle, `<h1 role="status">${escapeHtml(t.doneTitle)}</h1><p>${escapeHtml(t.doneBody(workspaceName))}</p>`);
}

export type ProblemKind = 'notFound' | 'error' | 'tooLarge' | 'method';

export function problemPage(locale: Locale, kind: ProblemKind): string {
  const t = TEXT[locale];
  const [title, body] =
    kind === 'notFound'
      ? [t.notFoundTitle, t.notFoundBody]
      : kind === 'error'
        ? [t.errorTitle, t.errorBody]
        : kind === 'tooLarge'
          ? [t.tooLargeTitle, '']
          : [t.methodTitle, ''];
  return page(locale, title, `<h1>${escapeHtml(title)}</h1>${body ? `<p>${escapeHtml(body)}</p>` : ''}`);
}
