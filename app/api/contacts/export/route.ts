import { exportContacts } from '@/lib/contacts/export';
import { parseFilter } from '@/components/contacts/filter-params';
import { invalid } from '@/lib/errors';
import { withWorkspaceRoute } from '@/lib/http/workspace-route';
import { loggableError } from '@/lib/log/safe-error';

/**
 * GET /api/contacts/export?workspaceId=…&q=…&status=…&listId=…&tag=…&segmentId=…[&format=excel]
 * The CSV of exactly the filtered contacts view, streamed one batch at a time.
 * `format=excel`: `;` and a BOM, which Dutch Excel opens without an import wizard.
 */
export const GET = withWorkspaceRoute('viewer', async ({ request, ctx }) => {
  const params = new URL(request.url).searchParams;
  const filter = parseFilter(params);
  if (!filter.success) throw invalid('validation');
  const excel = params.get('format') === 'excel';
  const batches = await exportContacts({ ctx, input: { filter: filter.data, delimiter: excel ? ';' : ',', bom: excel } });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (e) {
        console.error(`[route contacts.export] request ${ctx.requestId}: export broke off`, loggableError(e));
        controller.error(e);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const fileName = `contacts-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
    },
  });
});
