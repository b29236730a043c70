import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { surveyResponses, surveys, type Survey, type SurveyStatus } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import { csatFromHistogram, isValidScore, nps, npsCountsFromHistogram, scoreRange, type Rate, type ScoreHistogram } from '@/lib/metrics';
import type { WorkspaceCtx } from '@/lib/workspaces/context';

type Scope = Pick<WorkspaceCtx, 'db' | 'workspaceId'>;

/**
 * Fetch-or-throw by id AND workspace: another tenant's survey id is simply not found.
 * `db` lets a verb read inside its own transaction.
 */
export async function getSurveyInWorkspace(ctx: Scope, surveyId: string, db: Db = ctx.db): Promise<Survey> {
  if (!/^[0-9a-f-]{36}$/i.test(surveyId)) throw notFound('surveyNotFound');
  const [row] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.id, surveyId), eq(surveys.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!row) throw notFound('surveyNotFound');
  return row;
}

/** What a respondent meets now: an open survey past its close date reads as closed. */
export function surveyStatusAt(s: Pick<Survey, 'status' | 'closesAt'>, now = new Date()): SurveyStatus {
  if (s.status === 'open' && s.closesAt && s.closesAt.getTime() <= now.getTime()) return 'closed';
  return s.status;
}

/** Confirmed answers per score of each survey (one grouped count); provisional and flagged stay out. */
async function confirmedHistograms(ctx: Scope, rows: Pick<Survey, 'id' | 'kind'>[]): Promise<Map<string, ScoreHistogram>> {
  const out = new Map<string, ScoreHistogram>();
  if (!rows.length) return out;
  const kinds = new Map(rows.map((r) => [r.id, r.kind]));
  for (const r of rows) out.set(r.id, new Array<number>(scoreRange(r.kind).max + 1).fill(0));
  const counts = await ctx.db
    .select({ surveyId: surveyResponses.surveyId, score: surveyResponses.score, n: count() })
    .from(surveyResponses)
    .where(
      and(
        eq(surveyResponses.workspaceId, ctx.workspaceId),
        inArray(surveyResponses.surveyId, [...kinds.keys()]),
        eq(surveyResponses.status, 'confirmed'),
      ),
    )
    .groupBy(surveyResponses.surveyId, surveyResponses.score);
  for (const c of counts) {
    const kind = kinds.get(c.surveyId);
    if (kind && isValidScore(kind, c.score)) out.get(c.surveyId)![c.score] += Number(c.n);
  }
  return out;
}

export interface SurveyListRow {
  id: string;
  name: string;
  kind: Survey['kind'];
  status: SurveyStatus;
  closesAt: Date | null;
  createdAt: Date;
  confirmed: number;
  /** NPS (−100…+100) for NPS surveys, CSAT (% satisfied) for CSAT ones; null without answers. */
  score: Rate;
}

/** The survey list with each survey's confirmed answers and its NPS or CSAT, newest first. */
export async function listSurveys(ctx: Scope, now = new Date()): Promise<SurveyListRow[]> {
  const rows = await ctx.db
    .select({ id: surveys.id, name: surveys.name, kind: surveys.kind, status: surveys.status, closesAt: surveys.closesAt, createdAt: surveys.createdAt })
    .from(surveys)
    .where(eq(surveys.workspaceId, ctx.workspaceId))
    .orderBy(desc(surveys.createdAt))
    .limit(500);
  const histograms = await confirmedHistograms(ctx, rows);
  return rows.map((r) => {
    const h = histograms.get(r.id)!;
    const confirmed = h.reduce((a, b) => a + b, 0);
    const score = r.kind === 'nps' ? nps(npsCountsFromHistogram(h)).nps : csatFromHistogram(h);
    return { ...r, status: surveyStatusAt(r, now), confirmed, score };
  });
}

/** Any stored answer at all (provisional and flagged too): the kind of such a survey is fixed. */
export async function surveyHasAnswers(ctx: Scope, surveyId: string, db: Db = ctx.db): Promise<boolean> {
  const [row] = await db
    .select({ id: surveyResponses.id })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.workspaceId, ctx.workspaceId), eq(surveyResponses.surveyId, surveyId)))
    .limit(1);
  return Boolean(row);
}

/** Every stored answer of a survey, whatever its status (what a delete removes). */
export async function countSurveyAnswers(ctx: Scope, surveyId: string): Promise<number> {
  const [row] = await ctx.db
    .select({ n: count() })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.workspaceId, ctx.workspaceId), eq(surveyResponses.surveyId, surveyId)));
  return Number(row.n);
}
