import { csvDownload } from '@/lib/http/csv-download';
import { withWorkspaceRoute } from '@/lib/http/workspace-route';
import { surveyAnswersCsv } from '@/lib/reports/survey-csv';

/**
 * GET /api/surveys/<id>/responses?workspaceId=… → every answer of the survey as CSV. Viewers may
 * export, as with a campaign's recipients; another workspace's survey id is a 404.
 */
export const GET = withWorkspaceRoute<{ id: string }>('viewer', async ({ ctx, params: { id } }) => {
  const rows = surveyAnswersCsv(ctx, id);
  const first = await rows.next(); // the header, after the survey guard: a foreign id fails here, before streaming
  return csvDownload(first.done ? [] : [first.value], rows, `survey-${id.slice(0, 8)}-answers.csv`);
});
