import { and, desc, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { campaigns, surveys, type Campaign } from '@/lib/db/schema';
import { withTransaction } from '@/lib/db/transaction';
import { surveySendProblem } from '@/lib/campaigns/survey-block';

/** A wave waits this long after the previous wave started, so that wave's last mails are out of the cadence window. */
const WAVE_SLACK_MS = 24 * 3_600_000;

export const addMonths = (at: Date, months: number) => {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
};

export type WaveOutcome =
  | { surveyId: string; outcome: 'created'; campaignId: string }
  /** The previous wave started less than a cadence ago (or none started yet): nextWaveAt moved on. */
  | { surveyId: string; outcome: 'postponed' | 'nothingSent' }
  /** Closed surveys stop their cadence. */
  | { surveyId: string; outcome: 'stopped' };

/**
 * The cadence duty: for every survey whose next wave is due, copy its last started survey
 * campaign as a new scheduled campaign (the worker then starts it; the cadence exclusion at
 * start leaves out anyone asked within the cadence) and advance nextWaveAt — in ONE transaction
 * per survey, on a row locked FOR UPDATE SKIP LOCKED, so two workers never create two waves.
 */
export async function createDueSurveyWaves(db: Db, now = new Date()): Promise<WaveOutcome[]> {
  const due = await db
    .select({ id: surveys.id })
    .from(surveys)
    .where(and(isNotNull(surveys.nextWaveAt), lte(surveys.nextWaveAt, now)))
    .limit(50);
  const out: WaveOutcome[] = [];
  for (const { id } of due) {
    const r = await createWave(db, id, now);
    if (r) out.push(r);
  }
  return out;
}

async function createWave(db: Db, surveyId: string, now: Date): Promise<WaveOutcome | null> {
  return withTransaction(db, async (tx) => {
    const [survey] = await tx
      .select()
      .from(surveys)
      .where(and(eq(surveys.id, surveyId), isNotNull(surveys.nextWaveAt), lte(surveys.nextWaveAt, now)))
      .for('update', { skipLocked: true });
    // Another worker holds it or has just handled it.
    if (!survey) return null;
    const setNext = (nextWaveAt: Date | null) =>
      tx.update(surveys).set({ nextWaveAt, updatedAt: now }).where(eq(surveys.id, survey.id));
    if (!survey.cadenceMonths || surveySendProblem(survey, now) === 'campaignSurveyClosed') {
      await setNext(null);
      return { surveyId, outcome: 'stopped' as const };
    }
    const months = survey.cadenceMonths;
    const [last] = await tx
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.workspaceId, survey.workspaceId), eq(campaigns.surveyId, survey.id), inArray(campaigns.status, ['sending', 'sent']), isNotNull(campaigns.startedAt)))
      .orderBy(desc(campaigns.startedAt))
      .limit(1);
    if (!last?.startedAt) {
      await setNext(addMonths(now, months));
      return { surveyId, outcome: 'nothingSent' as const };
    }
    const earliest = new Date(addMonths(last.startedAt, months).getTime() + WAVE_SLACK_MS);
    if (earliest > now) {
      await setNext(earliest);
      return { surveyId, outcome: 'postponed' as const };
    }
    const wave = await copyAsWave(tx, last, survey.waveAudience ?? last.audience, now);
    await setNext(addMonths(now, months));
    await writeAudit(tx, { workspaceId: survey.workspaceId, userId: null }, 'survey.waveCreated', survey.id, { campaignId: wave.id, from: last.id });
    return { surveyId, outcome: 'created' as const, campaignId: wave.id };
  });
}

async function copyAsWave(tx: Db, last: Campaign, audience: Campaign['audience'], now: Date): Promise<Campaign> {
  const day = now.toISOString().slice(0, 10);
  const base = last.name.replace(/ · \d{4}-\d{2}-\d{2}$/, '');
  const [row] = await tx
    .insert(campaigns)
    .values({
      workspaceId: last.workspaceId,
      name: `${base} · ${day}`.slice(0, 120),
      category: last.category,
      audienceKind: last.audienceKind,
      status: 'scheduled',
      subject: last.subject,
      previewText: last.previewText,
      blocks: last.blocks,
      audience,
      scheduledAt: now,
      baseUrl: last.baseUrl,
      surveyId: last.surveyId,
      createdById: null,
    })
    .returning();
  return row;
}
