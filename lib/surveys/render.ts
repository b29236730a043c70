/**
 * THE renderer of a survey's public page: the bare /s/ handler serves its output, and the builder's
 * live preview shows the very same HTML in an iframe (srcDoc). Pure and client-safe: no node
 * imports, no database; everything it shows comes in through the model, escaped here.
 *
 * The page works without JavaScript (a plain form POST); with it, one small inline script (CSP
 * nonce) shows the group's follow-up wording once a score is picked and, on a provisional mail
 * score, confirms the answer at the person's first real interaction.
 */
import type { NextStep, PerGroupText, SurveyGroup, SurveyKind } from '@/lib/db/schema/surveys/constants';
import { SURVEY_LIMITS } from '@/lib/db/schema/surveys/constants';
import { PAGE_TEXT, type PageLocale, type PageText } from './page-text';

export type { PageLocale } from './page-text';

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
  | {
      step: 'thanks';
      score: number;
      group: SurveyGroup;
      /** ISO time until which the answer may still be changed (shown with a "change" link). */
      canChangeUntil?: string | null;
      /** The change window has passed: the stored answer stands. */
      locked?: boolean;
    }
  | { step: 'closed' }
  | { step: 'notFound' }
  | { step: 'tooMany'; retryAfterSeconds: number }
  /** Refused requests of the bare path: a body over the cap, a server error, a wrong method. */
  | { step: 'problem'; kind: 'tooLarge' | 'error' | 'method' };

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
  /** Where the provisional answer is confirmed (POST) on the first interaction; personal pages only. */
  confirmUrl?: string;
  /** The "change your answer" link of a thank-you page within the change window. */
  changeUrl?: string;
  /** Time zone for the change-window deadline (default Europe/Amsterdam). */
  timeZone?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const DEFAULT_BRAND = '#4f46e5';

/** #rgb or #rrggbb, else the default: the colour lands inside a <style> element. */
export function safeBrandColor(value: string): string {
  const v = value.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  if (/^#[0-9a-f]{3}$/.test(v)) return `#${v[1]}${v[1]}${v[2]}${v[2]}${v[3]}${v[3]}`;
  return DEFAULT_BRAND;
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export const contrastRatio = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

/** White or black text on the brand colour, whichever contrasts more (AA needs 4.5:1). */
export function textOn(brand: string): '#ffffff' | '#000000' {
  return contrastRatio(brand, '#ffffff') >= contrastRatio(brand, '#000000') ? '#ffffff' : '#000000';
}

const scale = (kind: SurveyKind) => (kind === 'nps' ? { min: 0, max: 10 } : { min: 1, max: 5 });

function groupOf(kind: SurveyKind, score: number): SurveyGroup {
  // Mirrors lib/metrics surveyGroup (kept import-free for the client bundle of the preview);
  // render.test.ts checks the two agree for every score.
  if (kind === 'nps') return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
  return score >= 4 ? 'promoter' : score === 3 ? 'passive' : 'detractor';
}

/** The group's follow-up question: the survey's own wording, else "What went wrong?" for detractors. */
export function followUpQuestion(look: SurveyLook, t: PageText, group: SurveyGroup): string | null {
  const own = look.followUp[group]?.trim();
  if (own) return own;
  return group === 'detractor' ? t.exitQuestion : null;
}

function css(brand: string, fg: string): string {
  return `*{box-sizing:border-box}body{margin:0;background:#f4f4f5;color:#18181b;font:16px/1.5 system-ui,-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif}
main{max-width:560px;margin:0 auto;padding:16px 12px 40px}.card{background:#fff;border-radius:12px;overflow:hidden;box-shadow:0 1px 3px #0002}
.bar{background:${brand};color:${fg};padding:12px 20px;display:flex;align-items:center;gap:12px;font-weight:600}.bar img{max-height:40px;max-width:160px}
.in{padding:20px}h1,h2{font-size:1.25rem;line-height:1.35;margin:0 0 12px}fieldset{border:0;margin:0 0 20px;padding:0;min-width:0}legend{padding:0;margin:0 0 12px}
.sc{display:grid;grid-template-columns:repeat(var(--n),1fr);gap:4px}.sc label{position:relative;display:block}
.sc input{position:absolute;inset:0;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}
.sc span{display:flex;align-items:center;justify-content:center;min-height:44px;border:1px solid #71717a;border-radius:8px;font-weight:600;background:#fff}
.sc input:checked+span{background:${brand};color:${fg};border-color:${brand};box-shadow:0 0 0 2px #fff inset}
.sc input:focus-visible+span{outline:3px solid #18181b;outline-offset:2px}.sc label:hover span{border-color:#18181b}
.ends{display:flex;justify-content:space-between;gap:12px;margin-top:6px;font-size:.875rem;color:#3f3f46}.ends span:last-child{text-align:right}
label.t{display:block;font-weight:600;margin:0 0 6px}textarea{width:100%;font:inherit;padding:10px;border:1px solid #71717a;border-radius:8px;min-height:96px}
textarea:focus-visible,a:focus-visible{outline:3px solid #18181b;outline-offset:2px}
button{margin-top:16px;font:inherit;font-weight:600;color:${fg};background:${brand};border:2px solid ${brand};border-radius:8px;padding:10px 24px;cursor:pointer;min-height:44px}
button:focus-visible{outline:3px solid #18181b;outline-offset:2px}.err{color:#b91c1c;font-weight:600;margin:8px 0 0}[aria-invalid=true]{border-color:#b91c1c}
.links{display:flex;flex-wrap:wrap;gap:8px;margin:16px 0 0;padding:0;list-style:none}.links a{display:inline-block;padding:10px 16px;border:1px solid #71717a;border-radius:8px;color:#18181b;font-weight:600;text-decoration:none}
.links a:hover{text-decoration:underline}.note{color:#3f3f46;font-size:.9375rem}.rib{background:#fef3c7;color:#78350f;text-align:center;font-weight:600;padding:4px;border-radius:8px;margin-bottom:8px}
[hidden]{display:none!important}`;
}

// Shows the group's wording once a score is picked; confirms a provisional mail score on the first
// real interaction (pointer, key, focus of the comment). Plain ES5, a few hundred bytes.
const SCRIPT = `(function(){var f=document.querySelector('form[data-s]');if(!f)return;var l=document.getElementById('cl'),w=document.getElementById('cw'),d=l&&l.textContent;
var x=document.getElementById('comment');if(w&&x&&!x.value&&f.querySelector('input[type=radio]')&&!f.querySelector('input[name=score]:checked'))w.hidden=true;f.addEventListener('change',function(e){var t=e.target;if(t.name!=='score')return;if(l)l.textContent=t.getAttribute('data-f')||d;if(w)w.hidden=false});
var u=f.getAttribute('data-confirm');if(!u)return;var k=0;function g(){if(k)return;k=1;fetch(u,{method:'POST',credentials:'same-origin',keepalive:true}).catch(function(){})}
document.addEventListener('pointerdown',g,true);document.addEventListener('keydown',g,true);if(x)x.addEventListener('focus',g)})();`;

export function renderSurveyPage(model: SurveyPageModel): string {
  const { look, locale, state } = model;
  const t = PAGE_TEXT[locale];
  const brand = safeBrandColor(look.brandColor);
  const fg = textOn(brand);
  const question = look.question.trim() || t.question[look.kind];
  const { body, title } = content(model, t, question);
  const logo = look.logoUrl && /^https:\/\//i.test(look.logoUrl) ? `<img src="${esc(look.logoUrl)}" alt="">` : '';
  const script = !model.preview && model.nonce && hasForm(state) ? `<script nonce="${esc(model.nonce)}">${SCRIPT}</script>` : '';
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${esc(title)} · ${esc(look.workspaceName)}</title><style>${css(brand, fg)}</style></head>
<body><main>${model.preview ? `<p class="rib">${esc(t.preview)}</p>` : ''}<div class="card"><div class="bar">${logo}<span>${esc(look.workspaceName)}</span></div>
<div class="in">${body}</div></div></main>${script}</body></html>`;
}

const hasForm = (s: SurveyPageState) => s.step === 'ask' || s.step === 'followUp';

function content(model: SurveyPageModel, t: PageText, question: string): { title: string; body: string } {
  const { state, look } = model;
  switch (state.step) {
    case 'ask':
      return { title: question, body: askForm(model, t, question, state) };
    case 'followUp':
      return { title: thankYouText(look, t, state.group), body: followUpForm(model, t, question, state) };
    case 'thanks': {
      const heading = thankYouText(look, t, state.group);
      let extra = '';
      if (state.locked) extra += `<p class="note">${esc(t.locked)}</p>`;
      else if (state.canChangeUntil) {
        extra += `<p class="note">${esc(t.canChangeUntil(formatWhen(state.canChangeUntil, model.locale, model.timeZone)))}</p>`;
        if (model.changeUrl) extra += `<p><a href="${esc(model.changeUrl)}">${esc(t.changeAnswer)}</a></p>`;
      }
      return {
        title: heading,
        body: `<h1><span role="status">${esc(heading)}</span></h1><p>${esc(t.yourScore(state.score))}</p>${links(model, t, state.group)}${extra}`,
      };
    }
    case 'closed':
      return message(t.closedTitle, t.closedBody);
    case 'notFound':
      return message(t.notFoundTitle, t.notFoundBody);
    case 'tooMany':
      return message(t.tooManyTitle, t.tooManyBody(Math.max(1, Math.ceil(state.retryAfterSeconds / 60))));
    case 'problem':
      if (state.kind === 'tooLarge') return message(t.tooLargeTitle, t.tooLargeBody);
      if (state.kind === 'method') return message(t.methodTitle, '');
      return message(t.errorTitle, t.errorBody);
  }
}

const message = (title: string, body: string) => ({ title, body: `<h1>${esc(title)}</h1>${body ? `<p>${esc(body)}</p>` : ''}` });

function thankYouText(look: SurveyLook, t: PageText, group: SurveyGroup): string {
  return look.thankYou[group]?.trim() || t.thankYou[group];
}

function formatWhen(iso: string, locale: PageLocale, timeZone = 'Europe/Amsterdam'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(d);
  } catch {
    return d.toISOString();
  }
}

/** The follow-up links of the group: promoters review + referral, passives the next step. */
function links(model: SurveyPageModel, t: PageText, group: SurveyGroup): string {
  const l = model.followUpLinks ?? {};
  const items: string[] = [];
  if (group === 'promoter') {
    if (l.review) items.push(`<li><a href="${esc(l.review)}" rel="noreferrer">${esc(t.review)}</a></li>`);
    if (l.referral) items.push(`<li><a href="${esc(l.referral)}" rel="noreferrer">${esc(t.referral)}</a></li>`);
  }
  if (group === 'passive' && l.next && model.look.passiveNextStep) {
    items.push(`<li><a href="${esc(l.next)}" rel="noreferrer">${esc(model.look.passiveNextStep.label)}</a></li>`);
  }
  return items.length ? `<ul class="links">${items.join('')}</ul>` : '';
}

function formOpen(model: SurveyPageModel, extra = ''): string {
  const target = model.preview || !model.action ? '' : ` method="post" action="${esc(model.action)}"`;
  const confirm = model.confirmUrl && !model.preview ? ` data-confirm="${esc(model.confirmUrl)}"` : '';
  const sid = model.submissionId ? `<input type="hidden" name="submissionId" value="${esc(model.submissionId)}">` : '';
  return `<form data-s${target}${confirm}${extra}>${sid}`;
}

/** In the preview the button does not submit (the form is inert inside the builder). */
const submitButton = (model: SurveyPageModel, label: string) => `<button type="${model.preview ? 'button' : 'submit'}">${esc(label)}</button>`;

function scoreGroup(model: SurveyPageModel, t: PageText, question: string, selected: number | null | undefined, error?: string, headingLevel: 'h1' | 'h2' = 'h1'): string {
  const { kind } = model.look;
  const { min, max } = scale(kind);
  const opts: string[] = [];
  for (let s = min; s <= max; s++) {
    const wording = followUpQuestion(model.look, t, groupOf(kind, s)) ?? t.commentLabel;
    opts.push(
      `<label><input type="radio" name="score" value="${s}" required data-f="${esc(wording)}"${selected === s ? ' checked' : ''}><span>${s}</span></label>`,
    );
  }
  const describedBy = `ends${error ? ' e-score' : ''}`;
  return `<fieldset aria-describedby="${describedBy}"${error ? ' aria-invalid="true"' : ''}><legend><${headingLevel}>${esc(question)}</${headingLevel}></legend>
<div class="sc" style="--n:${max - min + 1}">${opts.join('')}</div>
<div class="ends" id="ends"><span>${min} – ${esc(t.low[kind])}</span><span>${max} – ${esc(t.high[kind])}</span></div>${
    error ? `<p class="err" id="e-score">${esc(error)}</p>` : ''
  }</fieldset>`;
}

function commentField(label: string, value: string | undefined, error: string | undefined): string {
  return `<div id="cw"><label class="t" id="cl" for="comment">${esc(label)}</label><textarea id="comment" name="comment" rows="4" maxlength="${SURVEY_LIMITS.commentLength}"${
    error ? ' aria-invalid="true" aria-describedby="e-comment"' : ''
  }>${esc(value ?? '')}</textarea>${error ? `<p class="err" id="e-comment">${esc(error)}</p>` : ''}</div>`;
}

function formError(error: string | undefined): string {
  return error ? `<p class="err" role="alert">${esc(error)}</p>` : '';
}

function askForm(model: SurveyPageModel, t: PageText, question: string, state: Extract<SurveyPageState, { step: 'ask' }>): string {
  const e = state.errors ?? {};
  const chosen = state.score != null ? groupOf(model.look.kind, state.score) : null;
  const label = (chosen && followUpQuestion(model.look, t, chosen)) || t.commentLabel;
  return `${formOpen(model)}${formError(e.form)}${scoreGroup(model, t, question, state.score, e.score)}${commentField(label, state.comment, e.comment)}${submitButton(model, t.submit)}</form>`;
}

function followUpForm(model: SurveyPageModel, t: PageText, question: string, state: Extract<SurveyPageState, { step: 'followUp' }>): string {
  const e = state.errors ?? {};
  const heading = thankYouText(model.look, t, state.group);
  const label = followUpQuestion(model.look, t, state.group) ?? t.commentLabel;
  // A score from a mail may still be changed here (it is shown selected); otherwise it rides along hidden.
  const score = state.provisional
    ? scoreGroup(model, t, question, state.score, undefined, 'h2')
    : `<input type="hidden" name="score" value="${state.score}">`;
  const step = '<input type="hidden" name="step" value="followUp">';
  return `<h1>${esc(heading)}</h1><p>${esc(t.yourScore(state.score))}</p>${links(model, t, state.group)}${formOpen(model)}${step}${formError(e.form)}${score}${commentField(
    label,
    state.comment,
    e.comment,
  )}${submitButton(model, t.sendComment)}</form>`;
}
