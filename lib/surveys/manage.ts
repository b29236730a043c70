import { and, count, eq, inArray } from 'drizzle-orm';
import { wallTimeToUtc } from '@/lib/campaigns/zoned-time';
import { writeAudit } from '@/lib/db/audit';
import type { Db } from '@/lib/db/client';
import { campaigns, memberships, surveyResponses, surveys, workspaces, type MailScoreMode, type Survey } from '@/lib/db/schema';
import type { SurveyInput } from '@/lib/db/schema/surveys/validation';
import { withTransaction } from '@/lib/db/transaction';
import { conflict, invalid } from '@/lib/errors';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getSurveyInWorkspace, surveyHasAnswers } from './get';
import { newSurveyToken } from './token';

/** Detractor alerts go to members of THIS workspace only: an id from elsewhere is refused, not dropped. */
async function assertAlertRecipients(tx: Db, ctx: WorkspaceCtx, userIds: string[]) {
  if (!userIds.length) return;
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, ctx.workspaceId), inArray(memberships.userId, userIds)));
  if (Number(row.n) !== userIds.length) throw invalid('surveyAlertNotMember');
}

async function workspaceTimeZone(tx: Db, ctx: WorkspaceCtx): Promise<string> {
  const [ws] = await tx.select({ timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
  return ws.timezone;
}

/**
 * The close date typed on the workspace's clock, as UTC. A new moment must lie ahead; an
 * unchanged one (a survey that already closed by date) may be saved again as it is.
 */
async function closesAt(tx: Db, ctx: WorkspaceCtx, wall: string | null, current: Date | null): Promise<Date | null> {
  if (!wall) return null;
  const at = wallTimeToUtc(wall, await workspaceTimeZone(tx, ctx));
  if (!at) throw invalid('surveyBadCloseDate');
  if (current && Math.abs(current.getTime() - at.getTime()) < 60_000) return current;
  if (at.getTime() <= Date.now()) throw invalid('surveyCloseDateInPast');
  return at;
}

function fields(input: SurveyInput) {
  return {
    name: input.name,
    kind: input.kind,
    locale: input.locale,
    question: input.question,
    followUp: input.followUp,
    thankYou: input.thankYou,
    passiveNextStep: input.passiveNextStep,
    brandColor: input.brandColor,
    logoUrl: input.logoUrl,
    changeWindowHours: input.changeWindowHours,
    alertUserIds: input.alertUserIds,
  };
}

/** A new survey starts as a draft with its own unguessable public token. */
export async function createSurvey({ ctx, input }: { ctx: WorkspaceCtx; input: SurveyInput }): Promise<Survey> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    await assertAlertRecipients(tx, ctx, input.alertUserIds);
    const [row] = await tx
      .insert(surveys)
      .values({
        workspaceId: ctx.workspaceId,
        createdById: ctx.userId,
        publicToken: newSurveyToken(),
        status: 'draft',
        closesAt: await closesAt(tx, ctx, input.closesAtLocal, null),
        ...fields(input),
      })
      .returning();
    await writeAudit(tx, ctx, 'survey.created', row.id, { name: row.name, kind: row.kind });
    return row;
  });
}

/** Everything but status and token. Once answers exist the kind is fixed: 0–10 scores are no 1–5 scores. */
export async function updateSurvey({ ctx, input }: { ctx: WorkspaceCtx; input: SurveyInput & { surveyId: string } }): Promise<Survey> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const current = await getSurveyInWorkspace(ctx, input.surveyId, tx);
    if (current.kind !== input.kind && (await surveyHasAnswers(ctx, current.id, tx))) throw conflict('surveyKindLocked');
    await assertAlertRecipients(tx, ctx, input.alertUserIds);
    const [row] = await tx
      .update(surveys)
      .set({ ...fields(input), closesAt: await closesAt(tx, ctx, input.closesAtLocal, current.closesAt), updatedAt: new Date() })
      .where(and(eq(surveys.id, current.id), eq(surveys.workspaceId, ctx.workspaceId)))
      .returning();
    await writeAudit(tx, ctx, 'survey.updated', row.id);
    return row;
  });
}

/** Open (or reopen): answers are accepted. A close date already passed is cleared, else it would stay closed. */
export async function openSurvey({ ctx, input }: { ctx: WorkspaceCtx; input: { surveyId: string } }): Promise<Survey> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const current = await getSurveyInWorkspace(ctx, input.surveyId, tx);
    const pastClose = current.closesAt !== null && current.closesAt.getTime() <= Date.now();
    const [row] = await tx
      .update(surveys)
      .set({ status: 'open', ...(pastClose ? { closesAt: null } : {}), updatedAt: new Date() })
      .where(and(eq(surveys.id, current.id), eq(surveys.workspaceId, ctx.workspaceId)))
      .returning();
    await writeAudit(tx, ctx, current.status === 'closed' || pastClose ? 'survey.reopened' : 'survey.opened', row.id, pastClose ? { closeDateCleared: true } : undefined);
    return row;
  });
}

/** Closed: the page says so and stores nothing; everything answered so far stays. */
export async function closeSurvey({ ctx, input }: { ctx: WorkspaceCtx; input: { surveyId: string } }): Promise<Survey> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    const current = await getSurveyInWorkspace(ctx, input.surveyId, tx);
    const [row] = await tx
      .update(surveys)
      .set({ status: 'closed', updatedAt: new Date() })
      .where(and(eq(surveys.id, current.id), eq(surveys.workspaceId, ctx.workspaceId)))
      .returning();
    await writeAudit(tx, ctx, 'survey.closed', row.id);
    return row;
  });
}

/**
 * Deletes the survey and every answer to it. Refused while a scheduled or sending campaign
 * embeds it (its mails would carry dead score buttons); sent campaigns just lose the link.
 */
export async function deleteSurvey({ ctx, input }: { ctx: WorkspaceCtx; input: { surveyId: string } }): Promise<void> {
  assertRole(ctx, 'member');
  await withTransaction(ctx.db, async (tx) => {
    const current = await getSurveyInWorkspace(ctx, input.surveyId, tx);
    const inCampaign = and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.surveyId, current.id));
    const [busy] = await tx
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(and(inCampaign, inArray(campaigns.status, ['scheduled', 'sending'])))
      .limit(1);
    if (busy) throw conflict('surveyInUse');
    const [answers] = await tx
      .select({ n: count() })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.workspaceId, ctx.workspaceId), eq(surveyResponses.surveyId, current.id)));
    await tx.update(campaigns).set({ surveyId: null }).where(inCampaign);
    await tx.delete(surveys).where(and(eq(surveys.id, current.id), eq(surveys.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, 'survey.deleted', current.id, { name: current.name, answers: Number(answers.n) });
  });
}

/** Settings → Surveys: how a score clicked inside a mail counts (admins). */
export async function updateMailScoreMode({ ctx, input }: { ctx: WorkspaceCtx; input: { mailScoreMode: MailScoreMode } }) {
  assertRole(ctx, 'admin');
  await withTransaction(ctx.db, async (tx) => {
    await tx.update(workspaces).set({ mailScoreMode: input.mailScoreMode, updatedAt: new Date() }).where(eq(workspaces.id, ctx.workspaceId));
    await writeAudit(tx, ctx, 'workspace.mailScoreMode.updated', ctx.workspaceId, { mailScoreMode: input.mailScoreMode });
  });
}
