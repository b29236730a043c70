import type { IncomingMessage, ServerResponse } from 'node:http';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { events, type ResponseStatus } from '@/lib/db/schema';
import { isValidScore } from '@/lib/metrics';
import { classifyClick } from '@/lib/tracking/classify';
import { signToken } from '@/lib/tracking/token';
import { acceptsAnswers, findAnswer, loadPersonalSurvey, storeAnswer, type PersonalSurvey } from './public';

/**
 * A score button clicked inside a mail (/t/s/<token(sendId, score)>): records the score for the
 * send's contact through recordAnswer, then 302s to the contact's personal page, which shows the
 * score picked and the follow-up. Link scanners click every button of a mail, so:
 *  - HEAD, a scanner user agent, or a click within the scanner window after sent_at
 *    (lib/tracking/classify) → `flagged` (head | scanner | no-agent | early), never counted;
 *  - different scores of one mail within BURST_SECONDS → `flagged` (burst), the earlier ones too;
 *  - otherwise `provisional` until the person interacts with the page, or `confirmed` at once when
 *    the workspace's mailScoreMode is `immediate`.
 * Every click also writes one `survey_score` event (machine = flagged).
 */
export const BURST_SECONDS = 10;

export type ScoreClickResult = { kind: 'notFound' } | { kind: 'redirect'; location: string };

export async function scoreClick(db: Db, req: Pick<IncomingMessage, 'method' | 'headers'>, sendId: number, score: number, now = new Date()): Promise<ScoreClickResult> {
  const loaded = await loadPersonalSurvey(db, sendId);
  if (!loaded || !isValidScore(loaded.survey.kind, score)) return { kind: 'notFound' };
  const location = `/s/p/${signToken('survey', [sendId])}`;
  // A closed survey stores nothing; its personal page says so.
  if (!acceptsAnswers(loaded.survey, now)) return { kind: 'redirect', location };

  const verdict = classifyClick(req.headers['user-agent'], req.method);
  const sentAt = loaded.send.sentAt;
  let reason: string | null = verdict.machine ? verdict.reason : null;
  if (!reason && sentAt && now.getTime() - sentAt.getTime() < verdict.windowSeconds * 1000) reason = 'early';

  await recordScoreEvent(db, loaded, score, reason, now);
  if (!reason && (await isBurst(db, loaded, now))) reason = 'burst';

  const status: ResponseStatus = reason ? 'flagged' : loaded.workspace.mailScoreMode === 'immediate' ? 'confirmed' : 'provisional';
  await record(db, loaded, score, status, reason, now);
  // Two clicks racing may each miss the other's event; whoever looks last after storing sees both.
  if (!reason && (await isBurst(db, loaded, now))) await record(db, loaded, score, 'flagged', 'burst', now);
  return { kind: 'redirect', location };
}

async function recordScoreEvent(db: Db, loaded: PersonalSurvey, score: number, reason: string | null, now: Date): Promise<void> {
  await db.insert(events).values({
    workspaceId: loaded.survey.workspaceId,
    campaignId: loaded.send.campaignId,
    sendId: loaded.send.id,
    contactId: loaded.send.contactId,
    type: 'survey_score',
    machine: reason !== null,
    meta: reason ? { surveyId: loaded.survey.id, score, machine: reason } : { surveyId: loaded.survey.id, score },
    createdAt: now,
  });
}

/** Several different scores of this mail within BURST_SECONDS: flags every one of those events. */
async function isBurst(db: Db, loaded: PersonalSurvey, now: Date): Promise<boolean> {
  const recent = and(
    eq(events.sendId, loaded.send.id),
    eq(events.type, 'survey_score'),
    gt(events.createdAt, new Date(now.getTime() - BURST_SECONDS * 1000)),
    sql`${events.meta}->>'surveyId' = ${loaded.survey.id}`,
  );
  const [row] = await db.select({ scores: sql<number>`count(distinct ${events.meta}->>'score')::int` }).from(events).where(recent);
  if (Number(row?.scores ?? 0) < 2) return false;
  await db
    .update(events)
    .set({ machine: true, meta: sql`${events.meta} || '{"machine":"burst"}'::jsonb` })
    .where(and(recent, eq(events.machine, false)));
  return true;
}

async function record(db: Db, loaded: PersonalSurvey, score: number, status: ResponseStatus, reason: string | null, now: Date): Promise<void> {
  if (status === 'flagged') {
    // A machine's click never overwrites what the person confirmed.
    const existing = await findAnswer(db, loaded.survey.id, { sendId: loaded.send.id });
    if (existing?.status === 'confirmed') return;
  }
  await storeAnswer(db, {
    survey: loaded.survey,
    channel: 'email',
    score,
    contactId: loaded.send.contactId,
    campaignId: loaded.send.campaignId,
    sendId: loaded.send.id,
    status,
    flagReason: reason,
    now,
  });
}

/** The /t/s/ branch of the tracking handler: GET and HEAD record, then redirect to the personal page. */
export async function handleScoreClick(db: Db, req: IncomingMessage, res: ServerResponse, values: number[] | null): Promise<boolean> {
  if (!values) return false;
  const result = await scoreClick(db, req, values[0], values[1]);
  if (result.kind === 'notFound') return false;
  res.writeHead(302, { location: result.location, 'cache-control': 'no-store, no-cache, must-revalidate, max-age=0', 'referrer-policy': 'no-referrer', 'content-length': 0 });
  res.end();
  return true;
}
