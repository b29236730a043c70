import { eq, gte } from 'drizzle-orm';
import type { z } from 'zod';
import { conversionGoals, conversions, surveyResponses } from '@/lib/db/schema';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { afterBigintCursor, cursorText, newestFirst, toPage, whereAll } from './cursor';
import type { conversionListQuerySchema, surveyResponseListQuerySchema } from './schemas';

/** GET /api/v1/conversions: recorded conversions with their attribution, newest first. */
export async function apiListConversions(ctx: WorkspaceCtx, q: z.output<typeof conversionListQuerySchema>) {
  const rows = await ctx.db
    .select({
      id: conversions.id,
      goal: conversionGoals.key,
      orderId: conversions.orderId,
      valueCents: conversions.valueCents,
      currency: conversions.currency,
      via: conversions.via,
      contactId: conversions.contactId,
      source: conversions.source,
      device: conversions.device,
      clickKind: conversions.clickKind,
      campaignId: conversions.campaignId,
      smartlinkPageId: conversions.smartlinkPageId,
      surveyId: conversions.surveyId,
      createdAt: conversions.createdAt,
      cursorAt: cursorText(conversions.createdAt),
    })
    .from(conversions)
    // The goal is joined inside the workspace too: a row can never pair with another tenant's goal.
    .innerJoin(conversionGoals, whereAll(eq(conversionGoals.id, conversions.goalId), eq(conversionGoals.workspaceId, ctx.workspaceId)))
    .where(
      whereAll(
        eq(conversions.workspaceId, ctx.workspaceId),
        q.goal ? eq(conversionGoals.key, q.goal) : undefined,
        q.since ? gte(conversions.createdAt, new Date(q.since)) : undefined,
        afterBigintCursor(conversions.createdAt, conversions.id, q.cursor),
      ),
    )
    .orderBy(...newestFirst(conversions.createdAt, conversions.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => ({
    id: String(r.id),
    goal: r.goal,
    orderId: r.orderId,
    value: r.valueCents === null ? null : r.valueCents / 100,
    currency: r.currency,
    via: r.via,
    contactId: r.contactId,
    source: r.source,
    device: r.device,
    attributed: r.clickKind !== null,
    campaignId: r.campaignId,
    smartlinkPageId: r.smartlinkPageId,
    surveyId: r.surveyId,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** GET /api/v1/survey-responses: NPS/CSAT answers, newest first. */
export async function apiListSurveyResponses(ctx: WorkspaceCtx, q: z.output<typeof surveyResponseListQuerySchema>) {
  const rows = await ctx.db
    .select({
      id: surveyResponses.id,
      surveyId: surveyResponses.surveyId,
      contactId: surveyResponses.contactId,
      campaignId: surveyResponses.campaignId,
      channel: surveyResponses.channel,
      score: surveyResponses.score,
      category: surveyResponses.category,
      comment: surveyResponses.comment,
      status: surveyResponses.status,
      createdAt: surveyResponses.createdAt,
      cursorAt: cursorText(surveyResponses.createdAt),
    })
    .from(surveyResponses)
    .where(
      whereAll(
        eq(surveyResponses.workspaceId, ctx.workspaceId),
        q.surveyId ? eq(surveyResponses.surveyId, q.surveyId) : undefined,
        q.category ? eq(surveyResponses.category, q.category) : undefined,
        q.since ? gte(surveyResponses.createdAt, new Date(q.since)) : undefined,
        afterBigintCursor(surveyResponses.createdAt, surveyResponses.id, q.cursor),
      ),
    )
    .orderBy(...newestFirst(surveyResponses.createdAt, surveyResponses.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => ({
    id: String(r.id),
    surveyId: r.surveyId,
    contactId: r.contactId,
    campaignId: r.campaignId,
    channel: r.channel,
    score: r.score,
    category: r.category,
    comment: r.comment,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  }));
}
