import { withWorkspaceRoute } from '@/lib/http/workspace-route';
import { surveyAnswersCsv } from '@/lib/reports/survey-csv';

/**
 * GET /api/surveys/<id>/responses?workspaceId=… → every answer of the survey as CSV. Viewers may
 * export, as with a campaign's recipients; another workspace's survey id is a 404.
 */
export const GET = withWorkspaceRoute<{ id: string }>('viewer', async ({ ctx, params: { id } }) => {
  const rows = surveyAnswersCsv(ctx, id);
  const first = await rows.next(); // the header, after the survey guard: a foreign id fails here, before streaming
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="survey-${id.slice(0, 8)}-answers.csv"`,
      'Cache-Control': 'no-store',
    },
  });
});
