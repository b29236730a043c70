import type { Locale } from '@/lib/i18n/config';
import { translator } from '@/lib/i18n/translator';
import { button, escapeHtml, layout } from '../html';

export function invitationMail(opts: {
  locale: Locale;
  workspaceName: string;
  inviterName: string;
  role: string;
  link: string;
  expiresAt: Date;
}) {
  const t = translator(opts.locale);
  const role = t(`roles.${opts.role as 'viewer'}`);
  const expires = new Intl.DateTimeFormat(opts.locale, { dateStyle: 'long' }).format(opts.expiresAt);
  const vars = { workspace: opts.workspaceName, inviter: opts.inviterName, role, expires };
  const subject = t('mail.invitation.subject', vars);
  const intro = t('mail.invitation.intro', vars);
  const html = layout({
    lang: opts.locale,
    title: subject,
    body: `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(subject)}</h1>
<p>${escapeHtml(intro)}</p>${button(opts.link, t('mail.invitation.cta'))}
<p style="font-size:13px;color:#52525b">${escapeHtml(t('mail.invitation.expires', vars))}</p>
<p style="font-size:13px;color:#52525b;word-break:break-all">${escapeHtml(opts.link)}</p>`,
    footer: escapeHtml(t('mail.invitation.footer')),
  });
  const text = `${subject}\n\n${intro}\n\n${t('mail.invitation.cta')}: ${opts.link}\n\n${t('mail.invitation.expires', vars)}\n\n${t('mail.invitation.footer')}`;
  return { subject, html, text };
}

export function testMail(opts: { locale: Locale; workspaceName: string }) {
  const t = translator(opts.locale);
  const subject = t('mail.test.subject', { workspace: opts.workspaceName });
  const body = t('mail.test.body', { workspace: opts.workspaceName });
  return {
    subject,
    html: layout({ lang: opts.locale, title: subject, body: `<p>${escapeHtml(body)}</p>`, footer: 'Pulse' }),
    text: body,
  };
}
