import { stringify } from 'csv-stringify/sync';
import { safeRow } from '@/lib/csv/safe-cell';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { GROUP_NAMES, listSurveyAnswers } from './survey-answers';

/** Every answer of a survey as CSV, page by page (never the whole survey in memory); every cell made safe. */
export async function* surveyAnswersCsv(ctx: WorkspaceCtx, surveyId: string) {
  let before: number | undefined;
  let header = false;
  for (;;) {
    const page = await listSurveyAnswers(ctx, surveyId, { before, limit: 2000 });
    if (!header) {
      // After the first page: the guard has run, so a foreign id fails before anything is sent.
      yield stringify([safeRow(['response_id', 'answered_at', 'contact_id', 'email', 'first_name', 'last_name', 'score', 'group', 'channel', 'status', 'flag_reason', 'comment'])]);
      header = true;
    }
    if (page.rows.length) {
      const names = GROUP_NAMES[page.kind];
      yield stringify(
        page.rows.map((r) =>
          safeRow([
            String(r.id),
            r.createdAt.toISOString(),
            r.contactId ?? '',
            r.email ?? '',
            r.firstName ?? '',
            r.lastName ?? '',
            String(r.score),
            names[r.group],
            r.channel,
            r.status,
            r.flagReason ?? '',
            r.comment ?? '',
          ]),
        ),
      );
    }
    if (page.next === null) return;
    before = page.next;
  }
}
