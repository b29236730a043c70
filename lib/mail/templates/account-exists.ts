import type { Locale } from '@/lib/i18n/config';
import { translator } from '@/lib/i18n/translator';
import { button, escapeHtml, layout } from '../html';

/** To the owner of an address someone tried to sign up with: sign-up itself never says it exists. */
export function accountExistsMail(opts: { locale: Locale; signInUrl: string }) {
  const t = translator(opts.locale);
  const subject = t('mail.accountExists.subject');
  const body = t('mail.accountExists.body');
  const html = layout({
    lang: opts.locale,
    title: subject,
    body: `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(subject)}</h1>
<p>${escapeHtml(body)}</p>${button(opts.signInUrl, t('mail.accountExists.cta'))}`,
    footer: escapeHtml(t('mail.accountExists.footer')),
  });
  const text = `${subject}\n\n${body}\n\n${t('mail.accountExists.cta')}: ${opts.signInUrl}\n\n${t('mail.accountExists.footer')}`;
  return { subject, html, text };
}
