/**
 * THE renderer of a survey's public page: the bare /s/ handler serves its output, and the builder's
 * live preview shows the very same HTML in an iframe (srcDoc). Pure and client-safe: no node
 * imports, no database; everything it shows comes in through the model, escaped here.
 *
 * (Interface fixed by the lead; the page itself is built in the public-page work.)
 */
import type { NextStep, PerGroupText, SurveyGroup, SurveyKind } from '@/lib/db/schema/surveys/constants';

export type PageLocale = 'en' | 'nl';

export interface SurveyLook {
  kind: SurveyKind;
  /** Empty: the kind's default question in the page's language. */
  question: string;
  followUp: PerGroupText;
  thankYou: PerGroupText;
  passiveNextStep: NextStep | null;
  brandColor: string;
  logoUrl: string | null;
  workspaceName: string;
}

export type SurveyPageState =
  /** The score question (with the follow-up question once a score is chosen, when JS is on). */
  | { step: 'ask'; score?: number | null; comment?: string; errors?: Partial<Record<'score' | 'comment' | 'form', string>> }
  /** After a score: the group's follow-up question and/or thank-you (a mail score lands here too). */
  | { step: 'followUp'; score: number; group: SurveyGroup; comment?: string; provisional?: boolean; errors?: Partial<Record<'comment' | 'form', string>> }
  | { step: 'thanks'; score: number; group: SurveyGroup; canChangeUntil?: string | null }
  | { step: 'closed' }
  | { step: 'notFound' }
  | { step: 'tooMany'; retryAfterSeconds: number };

export interface SurveyPageModel {
  look: SurveyLook;
  locale: PageLocale;
  state: SurveyPageState;
  /** Where the form posts (the same page URL); absent in the builder preview (the form is inert). */
  action?: string;
  /** Hidden one-time id of this form: a replayed post stores nothing new. */
  submissionId?: string;
  /** Tracked follow-up links (review, referral, passive next step): /s/<token>/go/<which>. */
  followUpLinks?: Partial<Record<'review' | 'referral' | 'next', string>>;
  /** Builder preview: no script, no CSP nonce, a visible "preview" ribbon. */
  preview?: boolean;
  /** CSP nonce for the page's one small inline script (interaction confirm, score → follow-up). */
  nonce?: string;
}

export function renderSurveyPage(model: SurveyPageModel): string {
  // Placeholder until the public page lands: enough for the preview to show something honest.
  const q = model.look.question || (model.locale === 'nl' ? 'Hoe waarschijnlijk is het dat u ons zou aanbevelen?' : 'How likely is it that you would recommend us?');
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="${model.locale}"><meta charset="utf-8"><title>${esc(model.look.workspaceName)}</title><body><h1>${esc(q)}</h1></body></html>`;
}
