import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { surveys, type Survey } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import type { WorkspaceCtx } from '@/lib/workspaces/context';

/**
 * Fetch-or-throw by id AND workspace for the report and its export: another tenant's survey id
 * (or a malformed one) is simply not found.
 */
export async function getReportSurvey(tx: Db, ctx: Pick<WorkspaceCtx, 'workspaceId'>, surveyId: string): Promise<Survey> {
  if (!/^[0-9a-f-]{36}$/i.test(surveyId)) throw notFound('surveyNotFound');
  const [row] = await tx
    .select()
    .from(surveys)
    .where(and(eq(surveys.id, surveyId), eq(surveys.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!row) throw notFound('surveyNotFound');
  return row;
}
