/**
 * The row of score buttons (11 for NPS, 5 for CSAT) as mail-safe HTML: used by the campaign
 * renderer (each button a personal tracked link) and by the builder's copy-paste snippet for other
 * mail tools (each button the public link with ?score=N). Pure and client-safe.
 *
 * (Interface fixed by the lead; the row itself is built in the sending work.)
 */
import type { SurveyKind } from '@/lib/db/schema/surveys/constants';

export interface ScoreRowInput {
  kind: SurveyKind;
  brandColor: string;
  locale: 'en' | 'nl';
  /** The question above the row (already chosen: custom or the default). */
  question: string;
  hrefFor: (score: number) => string;
}

export function scoreRowHtml(input: ScoreRowInput): string {
  const max = input.kind === 'nps' ? 10 : 5;
  const min = input.kind === 'nps' ? 0 : 1;
  const cells: string[] = [];
  for (let s = min; s <= max; s++) cells.push(`<a href="${input.hrefFor(s)}">${s}</a>`);
  return `<p>${input.question}</p><p>${cells.join(' ')}</p>`;
}

/** Plain-text part of the row: one line per score. */
export function scoreRowText(input: ScoreRowInput): string {
  const max = input.kind === 'nps' ? 10 : 5;
  const min = input.kind === 'nps' ? 0 : 1;
  const lines = [input.question];
  for (let s = min; s <= max; s++) lines.push(`${s}: ${input.hrefFor(s)}`);
  return lines.join('\n');
}
