import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { surveys, type ContentBlock, type Survey, type SurveyKind, type SurveyStatus } from '@/lib/db/schema';
import { invalid, notFound } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/config';
import { publicSurveyUrl } from '@/lib/surveys/links';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { defaultSurveyQuestion } from '@/lib/surveys/score-row';
import type { SurveyEmbed } from './render';

/** The survey a campaign's blocks embed (validation allows at most one), or null. */
export function embeddedSurveyId(blocks: ContentBlock[]): string | null {
  for (const b of blocks) if (b.type === 'survey') return b.surveyId;
  return null;
}

export type EmbeddableSurvey = Pick<Survey, 'id' | 'kind' | 'question' | 'brandColor' | 'locale' | 'publicToken'>;

/** What a survey block shows: the survey's own question, else the kind's default in its language (`auto`: the workspace's). */
export function surveyEmbed(survey: EmbeddableSurvey, workspaceLocale: Locale, base: string): SurveyEmbed {
  const locale = survey.locale === 'auto' ? workspaceLocale : survey.locale;
  return {
    kind: survey.kind,
    question: survey.question.trim() || defaultSurveyQuestion(survey.kind, locale),
    brandColor: survey.brandColor,
    locale,
    publicUrl: publicSurveyUrl(base, survey.publicToken),
  };
}

/** The embeds of `blocks`, read within `workspaceId` only: another tenant's survey renders nothing. */
export async function loadSurveyEmbeds(
  db: Db,
  workspaceId: string,
  blocks: ContentBlock[],
  workspaceLocale: Locale,
  base: string,
): Promise<Record<string, SurveyEmbed>> {
  const ids = [...new Set(blocks.flatMap((b) => (b.type === 'survey' ? [b.surveyId] : [])))];
  if (ids.length === 0) return {};
  const rows = await db
    .select({ id: surveys.id, kind: surveys.kind, question: surveys.question, brandColor: surveys.brandColor, locale: surveys.locale, publicToken: surveys.publicToken })
    .from(surveys)
    .where(and(eq(surveys.workspaceId, workspaceId), inArray(surveys.id, ids)));
  return Object.fromEntries(rows.map((r) => [r.id, surveyEmbed(r, workspaceLocale, base)]));
}

type SurveyState = Pick<Survey, 'id' | 'status' | 'closesAt'>;

/** The embedded survey, by id AND workspace: another tenant's survey id is simply not there. */
export async function findEmbeddedSurvey(db: Db, workspaceId: string, surveyId: string): Promise<SurveyState | null> {
  const [row] = await db
    .select({ id: surveys.id, status: surveys.status, closesAt: surveys.closesAt })
    .from(surveys)
    .where(and(eq(surveys.id, surveyId), eq(surveys.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

export async function getEmbeddedSurvey(db: Db, workspaceId: string, surveyId: string): Promise<SurveyState> {
  const row = await findEmbeddedSurvey(db, workspaceId, surveyId);
  if (!row) throw notFound('surveyNotFound');
  return row;
}

/** Why a survey cannot go out in a mail now (an i18n key under errors), or null when it is open. */
export function surveySendProblem(survey: Pick<Survey, 'status' | 'closesAt'>, at = new Date()): string | null {
  if (survey.status === 'closed' || (survey.closesAt && survey.closesAt.getTime() <= at.getTime())) return 'campaignSurveyClosed';
  if (survey.status === 'draft') return 'campaignSurveyNotOpen';
  return null;
}

/** Scheduling and starting: the embedded survey must be this workspace's and open. */
export async function assertSurveySendable(db: Db, campaign: { workspaceId: string; blocks: ContentBlock[] }, at = new Date()): Promise<void> {
  const id = embeddedSurveyId(campaign.blocks);
  if (!id) return;
  const problem = surveySendProblem(await getEmbeddedSurvey(db, campaign.workspaceId, id), at);
  if (problem) throw invalid(problem);
}

/** A survey the campaign editor's block picker offers, with what its preview shows. */
export interface SurveyOption {
  id: string;
  name: string;
  kind: SurveyKind;
  status: SurveyStatus;
  cadenceMonths: number | null;
  embed: SurveyEmbed;
}

/** The workspace's surveys for the block picker, newest first (closed ones too: a draft may still name one). */
export async function listSurveyOptions(ctx: WorkspaceCtx, workspaceLocale: Locale, base: string): Promise<SurveyOption[]> {
  assertRole(ctx, 'viewer');
  const rows = await ctx.db.select().from(surveys).where(eq(surveys.workspaceId, ctx.workspaceId)).orderBy(desc(surveys.createdAt)).limit(200);
  const now = new Date();
  return rows.map((s) => ({
    id: s.id,
    name: s.name,
    kind: s.kind,
    // A survey past its close date reads as closed everywhere.
    status: s.status === 'open' && s.closesAt && s.closesAt <= now ? 'closed' : s.status,
    cadenceMonths: s.cadenceMonths,
    embed: surveyEmbed(s, workspaceLocale, base),
  }));
}
