import { and, count, desc, eq, ilike, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getListInWorkspace, getSegmentInWorkspace } from '@/lib/contacts/guards';
import { contacts, surveyResponses, SURVEY_GROUPS, type SurveyGroup } from '@/lib/db/schema';
import { containsPattern } from '@/lib/db/sql';
import { compileSegmentRules, onListSql } from '@/lib/segments/compile';
import { segmentRulesSchema } from '@/lib/segments/rules';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getSurveyInWorkspace } from '@/lib/surveys/get';
import { addGroup, groupFigures, type GroupFigures } from './survey';

/** The report's comments, answers drill-down and per-audience score. Every query is scoped by survey AND workspace. */

export const COMMENTS_PAGE_SIZE = 20;
export const COMMENT_SEARCH_MAX = 200;

export const commentQuerySchema = z.object({
  group: z.enum(SURVEY_GROUPS).optional().catch(undefined),
  q: z.string().trim().max(COMMENT_SEARCH_MAX).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
export type CommentQuery = z.infer<typeof commentQuerySchema>;

const confirmedOf = (surveyId: string, workspaceId: string) =>
  and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.workspaceId, workspaceId), eq(surveyResponses.status, 'confirmed'));

/** Comments of confirmed answers, newest first; filter by group, search (ILIKE, `%` and `_` literal), paged. */
export async function listSurveyComments(ctx: WorkspaceCtx, surveyId: string, query: Partial<CommentQuery> = {}) {
  assertRole(ctx, 'viewer');
  const survey = await getSurveyInWorkspace(ctx, surveyId);
  const q = commentQuerySchema.parse(query);
  const where = and(
    confirmedOf(survey.id, ctx.workspaceId),
    isNotNull(surveyResponses.comment),
    ne(surveyResponses.comment, ''),
    q.group ? eq(surveyResponses.category, q.group) : undefined,
    q.q ? ilike(surveyResponses.comment, containsPattern(q.q)) : undefined,
  );
  const [[{ total }], rows] = await Promise.all([
    ctx.db.select({ total: count() }).from(surveyResponses).where(where),
    ctx.db
      .select({
        id: surveyResponses.id,
        score: surveyResponses.score,
        group: surveyResponses.category,
        comment: surveyResponses.comment,
        createdAt: surveyResponses.createdAt,
        contactId: surveyResponses.contactId,
      })
      .from(surveyResponses)
      .where(where)
      .orderBy(desc(surveyResponses.createdAt), desc(surveyResponses.id))
      .limit(COMMENTS_PAGE_SIZE)
      .offset((q.page - 1) * COMMENTS_PAGE_SIZE),
  ]);
  return { rows: rows.map((r) => ({ ...r, comment: r.comment ?? '' })), total, page: q.page, pages: Math.max(1, Math.ceil(total / COMMENTS_PAGE_SIZE)) };
}

export interface AnswerQuery {
  /** Keyset cursor: the id of the last answer of the previous page (pages go by answer time, then id). */
  before?: number;
  limit?: number;
}

/**
 * Who answered what, newest answer first: every stored answer (confirmed, provisional and flagged, with
 * its status), with the contact when there is one. Viewers may read.
 */
export async function listSurveyAnswers(ctx: WorkspaceCtx, surveyId: string, q: AnswerQuery = {}) {
  assertRole(ctx, 'viewer');
  const survey = await getSurveyInWorkspace(ctx, surveyId);
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 5000);
  const rows = await ctx.db
    .select({
      id: surveyResponses.id,
      contactId: surveyResponses.contactId,
      email: contacts.email,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      score: surveyResponses.score,
      group: surveyResponses.category,
      channel: surveyResponses.channel,
      status: surveyResponses.status,
      flagReason: surveyResponses.flagReason,
      comment: surveyResponses.comment,
      createdAt: surveyResponses.createdAt,
    })
    .from(surveyResponses)
    .leftJoin(contacts, and(eq(contacts.id, surveyResponses.contactId), eq(contacts.workspaceId, surveyResponses.workspaceId)))
    .where(
      and(
        eq(surveyResponses.surveyId, survey.id),
        eq(surveyResponses.workspaceId, ctx.workspaceId),
        q.before
          ? sql`(${surveyResponses.createdAt}, ${surveyResponses.id}) < (select created_at, id from survey_responses where id = ${q.before} and survey_id = ${survey.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(surveyResponses.createdAt), desc(surveyResponses.id))
    .limit(limit + 1);
  return { kind: survey.kind, rows: rows.slice(0, limit), next: rows.length > limit ? rows[limit - 1].id : null };
}

export type SurveyAudience = { type: 'list'; listId: string } | { type: 'segment'; segmentId: string };

/** `list:<uuid>` or `segment:<uuid>` (the report's URL parameter); anything else is no audience. */
export function parseAudienceParam(value: string | undefined): SurveyAudience | null {
  const m = /^(list|segment):([0-9a-f-]{36})$/i.exec(value ?? '');
  if (!m) return null;
  return m[1] === 'list' ? { type: 'list', listId: m[2] } : { type: 'segment', segmentId: m[2] };
}

/**
 * The score of confirmed answers by contacts in a list or segment (evaluated now: who is in the
 * segment today). Another tenant's list, segment or survey is NOT_FOUND.
 */
export async function getSurveyAudienceScore(ctx: WorkspaceCtx, surveyId: string, audience: SurveyAudience): Promise<GroupFigures & { name: string }> {
  assertRole(ctx, 'viewer');
  const survey = await getSurveyInWorkspace(ctx, surveyId);
  let member: SQL;
  let name: string;
  if (audience.type === 'list') {
    const list = await getListInWorkspace(ctx.db, ctx, audience.listId);
    member = and(eq(contacts.workspaceId, ctx.workspaceId), onListSql(ctx.workspaceId, list.id)) as SQL;
    name = list.name;
  } else {
    const segment = await getSegmentInWorkspace(ctx.db, ctx, audience.segmentId);
    member = compileSegmentRules(ctx.workspaceId, segmentRulesSchema.parse(segment.rules));
    name = segment.name;
  }
  const rows = await ctx.db
    .select({ group: surveyResponses.category, n: count() })
    .from(surveyResponses)
    .innerJoin(contacts, eq(contacts.id, surveyResponses.contactId))
    .where(and(confirmedOf(survey.id, ctx.workspaceId), member))
    .groupBy(surveyResponses.category);
  const counts = rows.reduce((acc, r) => addGroup(acc, r.group, r.n), { promoters: 0, passives: 0, detractors: 0 });
  return { name, ...groupFigures(survey.kind, counts) };
}

/** The CSV names of the groups per kind (CSAT names its groups satisfied / neutral / dissatisfied). */
export const GROUP_NAMES: Record<'nps' | 'csat', Record<SurveyGroup, string>> = {
  nps: { promoter: 'promoter', passive: 'passive', detractor: 'detractor' },
  csat: { promoter: 'satisfied', passive: 'neutral', detractor: 'dissatisfied' },
};
