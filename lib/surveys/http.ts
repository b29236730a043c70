import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { withClickId } from '@/lib/conversions/click-id';
import { getDb, type Db } from '@/lib/db/client';
import { CLICK_KINDS, events, SURVEY_LIMITS } from '@/lib/db/schema';
import { readNodeBody } from '@/lib/http/body';
import { throttledRequestLogger } from '@/lib/log/throttled';
import { scoreRange, surveyGroup } from '@/lib/metrics';
import { verifyToken } from '@/lib/tracking/token';
import { AnswerThrottledError, confirmAnswer } from './answer';
import { browserCookie, browserIdFrom, browserKeyFor, newBrowserId, newSubmissionId, requestIp, SUBMISSION_ID, surveyAttempt } from './flood';
import { PAGE_TEXT, surveyPageLocale, type PageLocale } from './page-text';
import {
  acceptsAnswers,
  changeDeadline,
  findAnswer,
  followUpLinks,
  followUpTarget,
  loadPersonalSurvey,
  loadPublicSurvey,
  storeAnswer,
  surveyLook,
  type FollowUpWhich,
  type PersonalSurvey,
  type PublicSurvey,
  type StoredAnswer,
} from './public';
import { followUpQuestion, renderSurveyPage, type SurveyLook, type SurveyPageModel, type SurveyPageState } from './render';

/**
 * Entry point of the bare survey path (/s/…), called by scripts/server.ts before Next.js sees the
 * request — light pages for phones, and the answer POST is a hot path:
 *   GET|HEAD|POST /s/<publicToken>              the anonymous public page; POST stores the answer
 *   GET           /s/<publicToken>/thanks       the result page of this browser's answer
 *   GET           /s/<publicToken>/go/<which>   tracked follow-up link (review | referral | next)
 *   GET|HEAD|POST /s/p/<token(sendId)>          a contact's personal page (one answer per send)
 *   POST          /s/p/<token>/confirm          confirms a provisional mail score (first interaction)
 *   GET           /s/p/<token>/go/<which>       tracked follow-up link of a personal page
 * Stateless (any number of instances), never throws: failures answer 503 and log.
 */
export function handleSurvey(req: IncomingMessage, res: ServerResponse): void {
  try {
    route(req, res).catch((error: unknown) => fail(req, res, error));
  } catch (error) {
    fail(req, res, error);
  }
}

/** A 2,000-character comment is at most ~18 kB url-encoded (3-byte characters); anything beyond is refused. */
export const MAX_FORM_BYTES = 32 * 1024;
// signToken('survey', [sendId]): 8 bytes of payload (11 chars) and a 16-byte MAC (22 chars).
const PERSONAL_TOKEN_SHAPE = /^[A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]{22}$/;
const NO_STORE = 'no-store, no-cache, must-revalidate, max-age=0';
const WHICH = new Set<FollowUpWhich>(['review', 'referral', 'next']);

function securityHeaders(nonce: string): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    // Every page carries a fresh one-time submissionId or a personal answer: never cached.
    'cache-control': NO_STORE,
    // The token in the URL must not leak to the logo host or to the follow-up sites.
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src https:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  };
}

interface Request {
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  /** The CSP nonce, made when a page is rendered (an answer POST only redirects). */
  nonce?: string;
}

const nonceOf = (r: Request) => (r.nonce ??= randomBytes(16).toString('base64'));

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = req.url ?? '';
  const q = url.indexOf('?');
  const parts = (q === -1 ? url : url.slice(0, q)).split('/');
  const r: Request = { req, res, query: new URLSearchParams(q === -1 ? '' : url.slice(q + 1)) };
  // parts: ['', 's', <token>, …] or ['', 's', 'p', <token>, …]
  if (parts[2] === 'p') return personal(r, parts[3] ?? '', parts.slice(4));
  return anonymous(r, parts[2] ?? '', parts.slice(3));
}

// ─── the anonymous public link ──────────────────────────────────────────────────────────────────

async function anonymous(r: Request, token: string, rest: string[]): Promise<void> {
  const sub = rest.join('/');
  if (sub === '' && !allow(r, ['GET', 'HEAD', 'POST'])) return;
  if (sub !== '' && !allow(r, ['GET', 'HEAD'])) return;
  const db = getDb();
  const base = `/s/${token}`;
  if (sub === '' && r.req.method === 'POST') return anonymousPost(r, db, token, base);
  // A malformed token costs one regex test: no database work at all.
  const loaded = await loadPublicSurvey(db, token);
  if (!loaded) return notFound(r);
  if (sub === 'thanks') return anonymousResult(r, loaded, base);
  if (rest[0] === 'go' && rest.length === 2) return followUp(r, loaded, base, rest[1], null);
  if (sub !== '') return notFound(r);
  const locale = pageLocaleOf(r, loaded);
  if (!acceptsAnswers(loaded.survey)) return page(r, 410, loaded, locale, { step: 'closed' });
  page(r, 200, loaded, locale, { step: 'ask', score: scoreParam(r.query.get('score'), loaded) }, { action: base, submissionId: newSubmissionId() });
}

/** The answer POST: size cap, survey, validation, then the answer and the per-address attempt in one statement; 303. */
async function anonymousPost(r: Request, db: Db, token: string, base: string): Promise<void> {
  const body = await readNodeBody(r.req, MAX_FORM_BYTES);
  const loaded = await loadPublicSurvey(db, token);
  if (!loaded) return notFound(r);
  const locale = pageLocaleOf(r, loaded);
  if (body === 'too-large') return page(r, 413, loaded, locale, { step: 'problem', kind: 'tooLarge' }, {}, { close: true });
  if (!acceptsAnswers(loaded.survey)) return page(r, 410, loaded, locale, { step: 'closed' });
  const form = parseForm(body, loaded, locale);
  if (!form.ok) return formErrors(r, loaded, locale, form, { action: base });
  let browserId = browserIdFrom(r.req.headers.cookie);
  const setCookie = browserId ? null : browserCookie((browserId = newBrowserId()), r.req);
  try {
    await storeAnswer(db, {
      survey: loaded.survey,
      channel: 'link',
      score: form.score,
      comment: form.comment,
      browserKey: browserKeyFor(browserId, loaded.survey.id),
      submissionId: form.submissionId,
      locale,
      // The per-address limit is taken in the answer's own statement (one commit per answer).
      attempt: surveyAttempt(loaded.survey.id, requestIp(r.req)),
    });
  } catch (e) {
    if (!(e instanceof AnswerThrottledError)) throw e;
    const wait = String(e.retryAfterSeconds);
    return page(r, 429, loaded, locale, { step: 'tooMany', retryAfterSeconds: e.retryAfterSeconds }, {}, { headers: { 'retry-after': wait } });
  }
  redirect(r, `${base}/thanks${form.step === 'followUp' ? '?done=1' : ''}`, setCookie);
}

async function anonymousResult(r: Request, loaded: PublicSurvey, base: string): Promise<void> {
  const browserId = browserIdFrom(r.req.headers.cookie);
  const answer = browserId ? await findAnswer(getDb(), loaded.survey.id, { browserKey: browserKeyFor(browserId, loaded.survey.id) }) : null;
  // No answer from this browser (cookies off, or never answered): back to the question.
  if (!answer || answer.status === 'flagged') return redirect(r, base, null);
  const locale = pageLocaleOf(r, loaded);
  const state = resultState(loaded, locale, answer, r.query.get('done') === '1');
  page(r, 200, loaded, locale, state, {
    action: base,
    submissionId: newSubmissionId(),
    followUpLinks: followUpLinks(loaded, base),
    changeUrl: `${base}?score=${answer.score}`,
    timeZone: loaded.workspace.timezone,
  });
}

// ─── a contact's personal link ──────────────────────────────────────────────────────────────────

async function personal(r: Request, token: string, rest: string[]): Promise<void> {
  const sub = rest.join('/');
  if (sub === 'confirm' && !allow(r, ['POST'])) return;
  if (sub === '' && !allow(r, ['GET', 'HEAD', 'POST'])) return;
  if (sub !== 'confirm' && sub !== '' && !allow(r, ['GET', 'HEAD'])) return;
  const ids = PERSONAL_TOKEN_SHAPE.test(token) ? verifyToken('survey', token, 1) : null;
  const loaded = ids ? await loadPersonalSurvey(getDb(), ids[0]) : null;
  if (!loaded) {
    if (sub === 'confirm') return empty(r, 404);
    return notFound(r);
  }
  const base = `/s/p/${token}`;
  if (sub === 'confirm') return confirm(r, loaded);
  if (rest[0] === 'go' && rest.length === 2) return followUp(r, loaded, base, rest[1], loaded.send);
  if (sub !== '') return notFound(r);
  const db = getDb();
  const locale = pageLocaleOf(r, loaded);
  const links = { action: base, followUpLinks: followUpLinks(loaded, base), timeZone: loaded.workspace.timezone };
  if (!acceptsAnswers(loaded.survey)) return page(r, 410, loaded, locale, { step: 'closed' });
  const answer = await findAnswer(db, loaded.survey.id, { sendId: loaded.send.id });
  const open = !answer || Date.now() <= changeDeadline(answer, loaded.survey.changeWindowHours).getTime();

  if (r.req.method !== 'POST') {
    const counted = answer && answer.status !== 'flagged' ? answer : null;
    let state: SurveyPageState;
    if (!counted || (open && r.query.get('change') === '1')) {
      state = { step: 'ask', score: scoreParam(r.query.get('score'), loaded) ?? counted?.score ?? null, comment: counted?.comment ?? '' };
    } else if (counted.status === 'provisional' && open) {
      // A score clicked in the mail: shown picked, with the follow-up; the first interaction confirms it.
      state = { step: 'followUp', score: counted.score, group: counted.category, provisional: true };
      return page(r, 200, loaded, locale, state, { ...links, submissionId: newSubmissionId(), confirmUrl: `${base}/confirm` });
    } else {
      state = resultState(loaded, locale, counted, r.query.get('done') === '1');
    }
    return page(r, 200, loaded, locale, state, { ...links, submissionId: newSubmissionId(), changeUrl: `${base}?change=1` });
  }

  const body = await readNodeBody(r.req, MAX_FORM_BYTES);
  if (body === 'too-large') return page(r, 413, loaded, locale, { step: 'problem', kind: 'tooLarge' }, {}, { close: true });
  const form = parseForm(body, loaded, locale);
  if (!form.ok) return formErrors(r, loaded, locale, form, links);
  await storeAnswer(db, {
    survey: loaded.survey,
    channel: 'personal',
    score: form.score,
    comment: form.comment,
    contactId: loaded.send.contactId,
    campaignId: loaded.send.campaignId,
    sendId: loaded.send.id,
    submissionId: form.submissionId,
    locale,
  });
  redirect(r, `${base}${form.step === 'followUp' ? '?done=1' : ''}`, null);
}

/** The person interacted with the page of a provisional mail score: it now counts. */
async function confirm(r: Request, loaded: PersonalSurvey): Promise<void> {
  // Our own page's script is same-origin; a cross-site page may not confirm someone's answer.
  const origin = r.req.headers.origin;
  if (origin && originHost(origin) !== r.req.headers.host) return empty(r, 403);
  await readNodeBody(r.req, 1024);
  const db = getDb();
  const answer = acceptsAnswers(loaded.survey) ? await findAnswer(db, loaded.survey.id, { sendId: loaded.send.id }) : null;
  if (answer?.status === 'provisional') await confirmAnswer(db, loaded.survey, answer.id);
  empty(r, 204);
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

// ─── shared steps ────────────────────────────────────────────────────────────────────────────────

/**
 * After an answer: the group's thank-you and follow-up links; the follow-up question as a comment
 * form when the group has one and nothing was said yet (detractors: "What went wrong?").
 */
function resultState(loaded: PublicSurvey, locale: PageLocale, answer: StoredAnswer, done: boolean): SurveyPageState {
  const deadline = changeDeadline(answer, loaded.survey.changeWindowHours);
  const open = Date.now() <= deadline.getTime();
  const question = followUpQuestion(surveyLook(loaded), PAGE_TEXT[locale], answer.category);
  if (open && !done && !answer.comment && question && acceptsAnswers(loaded.survey)) {
    return { step: 'followUp', score: answer.score, group: answer.category };
  }
  return { step: 'thanks', score: answer.score, group: answer.category, locked: !open, canChangeUntil: open ? deadline.toISOString() : null };
}

/** A tracked follow-up link: one `survey_followup` event, then a 302 to the stored URL only. */
async function followUp(r: Request, loaded: PublicSurvey, base: string, which: string, send: PersonalSurvey['send'] | null): Promise<void> {
  const target = WHICH.has(which as FollowUpWhich) ? followUpTarget(loaded, which as FollowUpWhich) : null;
  if (!target) return notFound(r);
  const eventId = await recordFollowUp(getDb(), loaded, which as FollowUpWhich, send);
  // The click id of this follow-up click: a conversion on the target site is credited to the survey.
  const location = withClickId(target, { kind: CLICK_KINDS.event, id: eventId });
  r.res.writeHead(302, { location, 'cache-control': NO_STORE, 'referrer-policy': 'no-referrer', 'content-length': 0 });
  r.res.end();
}

async function recordFollowUp(db: Db, loaded: PublicSurvey, which: FollowUpWhich, send: PersonalSurvey['send'] | null): Promise<number> {
  const [row] = await db.insert(events).values({
    workspaceId: loaded.survey.workspaceId,
    campaignId: send?.campaignId ?? null,
    sendId: send?.id ?? null,
    contactId: send?.contactId ?? null,
    type: 'survey_followup',
    meta: { surveyId: loaded.survey.id, which },
  }).returning({ id: events.id });
  return Number(row.id);
}

type ParsedForm =
  | { ok: true; score: number; comment: string | null; submissionId: string | undefined; step: 'ask' | 'followUp' }
  | { ok: false; score: number | null; comment: string; step: 'ask' | 'followUp'; submissionId: string | undefined; errors: { score?: string; comment?: string } };

// Built once per scale: constructing zod schemas costs more than using them, on the hot path.
const scoreSchemas = new Map<string, z.ZodType<number, string>>();
function scoreSchema(min: number, max: number): z.ZodType<number, string> {
  const key = `${min}-${max}`;
  let schema = scoreSchemas.get(key);
  if (!schema) {
    schema = z.string().trim().regex(/^-?\d{1,3}$/).transform(Number).pipe(z.number().int().min(min).max(max));
    scoreSchemas.set(key, schema);
  }
  return schema;
}
const commentSchema = z.string().max(SURVEY_LIMITS.commentLength);

/** The answer form (application/x-www-form-urlencoded), validated with zod against the survey's scale. */
export function parseForm(body: Buffer, loaded: PublicSurvey, locale: PageLocale): ParsedForm {
  const t = PAGE_TEXT[locale];
  const { min, max } = scoreRange(loaded.survey.kind);
  const params = new URLSearchParams(body.toString('utf8'));
  // Textareas post CRLF line breaks that count as one character on the page; NUL cannot be stored.
  const rawComment = (params.get('comment') ?? '').replace(/\r\n?/g, '\n').replace(/\0/g, '');
  const step = params.get('step') === 'followUp' ? 'followUp' : 'ask';
  const submissionId = SUBMISSION_ID.test(params.get('submissionId') ?? '') ? params.get('submissionId')! : undefined;
  const score = scoreSchema(min, max).safeParse(params.get('score') ?? '');
  const comment = commentSchema.safeParse(rawComment.trim());
  if (score.success && comment.success) {
    return { ok: true, score: score.data, comment: comment.data || null, submissionId, step };
  }
  return {
    ok: false,
    score: score.success ? score.data : null,
    comment: rawComment,
    step,
    submissionId,
    errors: {
      ...(score.success ? {} : { score: t.scoreRequired(min, max) }),
      ...(comment.success ? {} : { comment: t.commentTooLong(SURVEY_LIMITS.commentLength) }),
    },
  };
}

/** The form again with its messages (400); nothing was stored, the same one-time id rides along. */
function formErrors(r: Request, loaded: PublicSurvey, locale: PageLocale, form: Extract<ParsedForm, { ok: false }>, extra: Partial<SurveyPageModel>) {
  const t = PAGE_TEXT[locale];
  const submissionId = form.submissionId ?? newSubmissionId();
  if (form.step === 'followUp' && form.score !== null && !form.errors.score) {
    const group = surveyGroup(loaded.survey.kind, form.score);
    const state: SurveyPageState = { step: 'followUp', score: form.score, group, comment: form.comment, errors: { form: t.formProblem, ...form.errors } };
    return page(r, 400, loaded, locale, state, { ...extra, submissionId });
  }
  const state: SurveyPageState = { step: 'ask', score: form.score, comment: form.comment, errors: { form: t.formProblem, ...form.errors } };
  return page(r, 400, loaded, locale, state, { ...extra, submissionId });
}

function scoreParam(raw: string | null, loaded: PublicSurvey): number | null {
  if (raw === null || !/^\d{1,2}$/.test(raw)) return null;
  const { min, max } = scoreRange(loaded.survey.kind);
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

function pageLocaleOf(r: Request, loaded: PublicSurvey): PageLocale {
  return surveyPageLocale(loaded.survey.locale, r.req.headers['accept-language'], loaded.workspace.locale);
}

// ─── responses ───────────────────────────────────────────────────────────────────────────────────

const NEUTRAL_LOOK: SurveyLook = { kind: 'nps', question: '', followUp: {}, thankYou: {}, passiveNextStep: null, brandColor: '#4f46e5', logoUrl: null, workspaceName: 'Pulse' };

function page(
  r: Request,
  status: number,
  loaded: PublicSurvey | null,
  locale: PageLocale,
  state: SurveyPageState,
  extra: Partial<SurveyPageModel> = {},
  opts: { close?: boolean; headers?: Record<string, string> } = {},
): void {
  const html = renderSurveyPage({ look: loaded ? surveyLook(loaded) : NEUTRAL_LOOK, locale, state, nonce: nonceOf(r), ...extra });
  send(r, status, html, opts);
}

function send(r: Request, status: number, html: string, opts: { close?: boolean; headers?: Record<string, string> } = {}): void {
  const buf = Buffer.from(html);
  r.res.writeHead(status, { ...securityHeaders(nonceOf(r)), ...opts.headers, 'content-length': buf.length, ...(opts.close ? { connection: 'close' } : {}) });
  r.res.end(buf);
  // An unread body of a refused request is dropped with the connection (once the answer is out), not drained.
  if (opts.close && !r.req.complete) r.res.once('finish', () => r.req.destroy());
}

function notFound(r: Request): void {
  page(r, 404, null, surveyPageLocale('auto', r.req.headers['accept-language']), { step: 'notFound' }, {}, { close: r.req.method === 'POST' });
}

function redirect(r: Request, location: string, setCookie: string | null): void {
  r.res.writeHead(303, { location, 'cache-control': NO_STORE, 'content-length': 0, ...(setCookie ? { 'set-cookie': setCookie } : {}) });
  r.res.end();
}

function empty(r: Request, status: number): void {
  r.res.writeHead(status, { 'cache-control': NO_STORE, 'content-length': 0 });
  r.res.end();
}

function allow(r: Request, methods: string[]): boolean {
  if (methods.includes(r.req.method ?? '')) return true;
  r.res.setHeader('allow', methods.join(', '));
  page(r, 405, null, surveyPageLocale('auto', r.req.headers['accept-language']), { step: 'problem', kind: 'method' }, {}, { close: true });
  return false;
}

function fail(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  logError(req, error);
  try {
    if (res.headersSent) res.destroy();
    else {
      const r: Request = { req, res, query: new URLSearchParams() };
      page(r, 503, null, surveyPageLocale('auto', req.headers['accept-language']), { step: 'problem', kind: 'error' }, {}, { close: true });
    }
  } catch {
    res.destroy();
  }
}

const logError = throttledRequestLogger('surveys', 6);
