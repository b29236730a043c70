import type { ContentBlock } from '@/lib/db/schema/campaigns';
import type { SurveyKind } from '@/lib/db/schema/surveys/constants';
import { escapeHtml } from '@/lib/mail/html';
import { openSurveyLabel, scoreRowHtml, scoreRowText, type ScoreRowInput } from '@/lib/surveys/score-row';
import { renderMergeTags, type MergeContact } from './merge-tags';

/**
 * Campaign content → one recipient's mail: responsive HTML (single 600px column that shrinks
 * on phones), a plain-text part, tracked links, an open pixel, an unsubscribe link and the
 * RFC 8058 one-click List-Unsubscribe headers.
 */
export interface RenderInput {
  subject: string;
  previewText: string;
  blocks: ContentBlock[];
  contact: MergeContact;
  locale: string;
  /** The workspace's time zone: dates in merge tags are its calendar dates (default: the server's). */
  timeZone?: string;
  /** Absent in previews: links stay as written and no pixel is added. */
  tracking?: {
    openUrl: string;
    unsubscribeUrl: string;
    clickUrl: (url: string) => string;
    /** This recipient's own score link (`/t/s/…`) and personal survey page (`/s/p/…`). */
    scoreUrl?: (score: number) => string;
    surveyUrl?: string;
    /** This recipient's preference centre (`/p/…`), for a preferences block. */
    preferencesUrl?: string;
  };
  /** The surveys survey blocks embed, by id; a block whose survey is missing renders nothing. */
  surveys?: Record<string, SurveyEmbed>;
  footer: { address: string; unsubscribeLabel: string; reason: string };
}

/** What a survey block shows: the question already chosen (custom or the kind's default). */
export interface SurveyEmbed {
  kind: SurveyKind;
  question: string;
  brandColor: string;
  locale: 'en' | 'nl';
  /** The anonymous public page; previews link each score to it with ?score=N. */
  publicUrl: string;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}

/** Every distinct URL a campaign links to, in order: these become its campaign_links rows. */
export function linkTargets(blocks: ContentBlock[]): string[] {
  const urls: string[] = [];
  for (const b of blocks) {
    const url = b.type === 'button' ? b.url : b.type === 'image' ? b.href : undefined;
    if (url && !urls.includes(url)) urls.push(url);
  }
  return urls;
}

/** `label` is already escaped HTML. */
const buttonHtml = (href: string, label: string) =>
  `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 24px"><tr><td style="border-radius:8px;background:#4f46e5"><a href="${escapeHtml(href)}" style="display:inline-block;padding:14px 24px;font-size:16px;font-weight:600;color:#ffffff;text-decoration:none">${label}</a></td></tr></table>`;

export function renderCampaignMail(input: RenderInput): RenderedMail {
  const merge = (s: string) => renderMergeTags(s, input.contact, { locale: input.locale, timeZone: input.timeZone });
  const mergeHtml = (s: string) => renderMergeTags(s, input.contact, { locale: input.locale, timeZone: input.timeZone, escape: escapeHtml });
  const link = (url: string) => (input.tracking ? input.tracking.clickUrl(url) : url);

  const htmlBlocks: string[] = [];
  const textBlocks: string[] = [];
  for (const b of input.blocks) {
    switch (b.type) {
      case 'heading':
        htmlBlocks.push(`<h1 style="margin:0 0 16px;font-size:24px;line-height:1.3;color:#18181b">${mergeHtml(b.text)}</h1>`);
        textBlocks.push(merge(b.text).toUpperCase());
        break;
      case 'text':
        htmlBlocks.push(
          `<p style="margin:0 0 16px;font-size:16px;line-height:1.6;color:#27272a">${mergeHtml(b.text).replace(/\r?\n/g, '<br>')}</p>`,
        );
        textBlocks.push(merge(b.text));
        break;
      case 'button':
        htmlBlocks.push(buttonHtml(link(b.url), mergeHtml(b.text)));
        textBlocks.push(`${merge(b.text)}: ${link(b.url)}`);
        break;
      case 'image': {
        const img = `<img src="${escapeHtml(b.src)}" alt="${escapeHtml(b.alt)}" width="560" style="display:block;width:100%;max-width:560px;height:auto;border:0;margin:0 0 16px">`;
        htmlBlocks.push(b.href ? `<a href="${escapeHtml(link(b.href))}">${img}</a>` : img);
        if (b.href) textBlocks.push(`${b.alt}: ${link(b.href)}`);
        break;
      }
      case 'preferences': {
        // A preview has no recipient: the button shows, pointing nowhere yet.
        const url = input.tracking?.preferencesUrl ?? '#';
        htmlBlocks.push(buttonHtml(url, mergeHtml(b.text)));
        textBlocks.push(`${merge(b.text)}: ${url}`);
        break;
      }
      case 'divider':
        htmlBlocks.push('<hr style="border:0;border-top:1px solid #e4e4e7;margin:24px 0">');
        textBlocks.push('---');
        break;
      case 'survey': {
        const survey = input.surveys?.[b.surveyId];
        if (!survey) break;
        const block = surveyBlock(survey, input.tracking);
        htmlBlocks.push(block.html);
        textBlocks.push(block.text);
        break;
      }
    }
  }

  const unsubscribe = input.tracking?.unsubscribeUrl;
  const footerHtml = `<p style="margin:24px 0 0;font-size:12px;line-height:1.5;color:#71717a">${escapeHtml(input.footer.reason)}<br>${escapeHtml(input.footer.address)}${
    unsubscribe ? `<br><a href="${escapeHtml(unsubscribe)}" style="color:#71717a">${escapeHtml(input.footer.unsubscribeLabel)}</a>` : ''
  }</p>`;
  const pixel = input.tracking ? `<img src="${escapeHtml(input.tracking.openUrl)}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px">` : '';
  const preview = merge(input.previewText);
  const subject = merge(input.subject);

  const html = `<!doctype html><html lang="${escapeHtml(input.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="x-apple-disable-message-reformatting"><title>${escapeHtml(subject)}</title>
<style>@media only screen and (max-width:480px){.pulse-outer{padding:12px 6px!important}.pulse-card{padding:24px 14px!important}}</style></head>
<body style="margin:0;padding:0;background:#f4f4f5">
<div style="display:none;max-height:0;overflow:hidden;opacity:0">${escapeHtml(preview)}&#847;&zwnj;&nbsp;&#847;&zwnj;&nbsp;</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f5"><tr><td class="pulse-outer" align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-radius:12px"><tr><td class="pulse-card" style="padding:32px 24px;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif">
${htmlBlocks.join('\n')}
${footerHtml}
</td></tr></table>
</td></tr></table>${pixel}
</body></html>`;

  const text = [...textBlocks, '', input.footer.reason, input.footer.address, unsubscribe ? `${input.footer.unsubscribeLabel}: ${unsubscribe}` : '']
    .filter((l, i, all) => !(l === '' && all[i - 1] === ''))
    .join('\n\n')
    .trim();

  const headers: Record<string, string> = {};
  if (unsubscribe) {
    headers['List-Unsubscribe'] = `<${unsubscribe}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return { subject, html, text, headers };
}

/**
 * A survey's score row: in a sent mail every score is this recipient's own tracked link and the
 * "open the survey" link their personal page; a preview (no tracking) links to the public page.
 */
function surveyBlock(survey: SurveyEmbed, tracking: RenderInput['tracking']): { html: string; text: string } {
  const personal = tracking?.scoreUrl && tracking.surveyUrl ? { score: tracking.scoreUrl, page: tracking.surveyUrl } : null;
  const sep = survey.publicUrl.includes('?') ? '&' : '?';
  const row: ScoreRowInput = {
    kind: survey.kind,
    brandColor: survey.brandColor,
    locale: survey.locale,
    question: survey.question,
    hrefFor: personal ? personal.score : (score) => `${survey.publicUrl}${sep}score=${score}`,
  };
  const page = personal ? personal.page : survey.publicUrl;
  const open = openSurveyLabel(survey.locale);
  return {
    html: `<div style="margin:8px 0 24px">${scoreRowHtml(row)}<p style="margin:4px 0 0;font-size:13px;line-height:1.5;text-align:center"><a href="${escapeHtml(page)}" style="color:#3f3f46;text-decoration:underline">${escapeHtml(open)}</a></p></div>`,
    text: `${scoreRowText(row)}\n${open}: ${page}`,
  };
}
