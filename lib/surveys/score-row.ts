/**
 * The row of score buttons (11 for NPS, 5 for CSAT) as mail-safe HTML: used by the campaign
 * renderer (each button a personal tracked link) and by the builder's copy-paste snippet for other
 * mail tools (each button the public link with ?score=N). Pure and client-safe.
 *
 * Mail-safe means: tables, inline styles, bgcolor for Outlook, no CSS a client may strip to
 * breakage. One fixed-layout row that shrinks with the mail, so 11 buttons stay one tappable row
 * on a 320 px phone, with the end labels under its two ends.
 */
import { PAGE_TEXT } from './page-text';
import type { SurveyKind } from '@/lib/db/schema/surveys/constants';
import { escapeHtml } from '@/lib/mail/html';

export interface ScoreRowInput {
  kind: SurveyKind;
  brandColor: string;
  locale: 'en' | 'nl';
  /** The question above the row (already chosen: custom or the default). */
  question: string;
  hrefFor: (score: number) => string;
}

const TEXT = {
  en: {
    scoreOf: (score: number, max: number) => `${score} out of ${max}`,
    open: 'Or open the survey',
  },
  nl: {
    scoreOf: (score: number, max: number) => `${score} van ${max}`,
    open: 'Of open de enquête',
  },
} as const;

/** The kind's default question in `locale`, for a survey whose own question is empty: the public page's words. */
export function defaultSurveyQuestion(kind: SurveyKind, locale: 'en' | 'nl'): string {
  return PAGE_TEXT[locale].question[kind];
}

/** The words under the two ends of the row ("Not likely" … "Very likely"). */
export function scoreRowLabels(kind: SurveyKind, locale: 'en' | 'nl'): { low: string; high: string } {
  return { low: PAGE_TEXT[locale].low[kind], high: PAGE_TEXT[locale].high[kind] };
}

/** The small link under the row to the survey page itself ("Or open the survey"). */
export const openSurveyLabel = (locale: 'en' | 'nl') => TEXT[locale].open;

export const scoreRange = (kind: SurveyKind) => (kind === 'nps' ? { min: 0, max: 10 } : { min: 1, max: 5 });

const FALLBACK_COLOR = '#4f46e5';
const DARK_TEXT = '#000000';

/** `#abc` or `#aabbcc`, lower-cased and expanded; anything else (it lands in a style attribute) falls back. */
export function safeColor(value: string): string {
  const v = value.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  if (/^#[0-9a-f]{3}$/.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join('')}`;
  return FALLBACK_COLOR;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours (1…21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** White or near-black, whichever reads better on `background` (≥ 4.5:1 for any colour). */
export function textOn(background: string): string {
  const bg = safeColor(background);
  return contrastRatio(bg, '#ffffff') >= contrastRatio(bg, DARK_TEXT) ? '#ffffff' : DARK_TEXT;
}

const FONT = '-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif';

export function scoreRowHtml(input: ScoreRowInput): string {
  const { min, max } = scoreRange(input.kind);
  const t = TEXT[input.locale];
  const { low, high } = scoreRowLabels(input.kind, input.locale);
  const bg = safeColor(input.brandColor);
  const fg = textOn(bg);
  // A very light brand colour would vanish on the white mail: give its buttons an edge.
  const edge = contrastRatio(bg, '#ffffff') < 1.6 ? 'border:1px solid #a1a1aa;' : '';
  const width = `${(100 / (max - min + 1)).toFixed(2)}%`;
  const cells: string[] = [];
  for (let s = min; s <= max; s++) {
    cells.push(
      `<td width="${width}" align="center" bgcolor="${bg}" style="width:${width};padding:0;background:${bg};border-radius:6px;${edge}">` +
        `<a href="${escapeHtml(input.hrefFor(s))}" aria-label="${escapeHtml(t.scoreOf(s, max))}" style="display:block;padding:11px 0;font-family:${FONT};font-size:15px;line-height:18px;font-weight:700;color:${fg};text-decoration:none;text-align:center">${s}</a></td>`,
    );
  }
  const label = (text: string, align: 'left' | 'right') =>
    `<td align="${align}" valign="top" style="padding:6px 2px 0;font-family:${FONT};font-size:12px;line-height:16px;color:#52525b;text-align:${align}">${escapeHtml(text)}</td>`;
  return (
    `<p style="margin:0 0 12px;font-family:${FONT};font-size:17px;line-height:1.45;font-weight:600;color:#18181b">${escapeHtml(input.question)}</p>` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="3" border="0" style="width:100%;table-layout:fixed;border-collapse:separate;border-spacing:3px"><tr>${cells.join('')}</tr></table>` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;margin:0 0 8px"><tr>${label(low, 'left')}${label(high, 'right')}</tr></table>`
  );
}

/** Plain-text part of the row: the question, what the ends mean, then one line per score. */
export function scoreRowText(input: ScoreRowInput): string {
  const { min, max } = scoreRange(input.kind);
  const { low, high } = scoreRowLabels(input.kind, input.locale);
  const lines = [input.question, `${min} = ${low} · ${max} = ${high}`];
  for (let s = min; s <= max; s++) lines.push(`${s}: ${input.hrefFor(s)}`);
  return lines.join('\n');
}
