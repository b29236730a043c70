import { exportContacts } from '@/lib/contacts/export';
import { parseFilter } from '@/components/contacts/filter-params';
import { jsonError, routeError, routeWorkspaceCtx } from '@/lib/http/route-context';
import { loggableError } from '@/lib/log/safe-error';

/**
 * GET /api/contacts/export?workspaceId=…&q=…&status=…&listId=…&tag=…&segmentId=…[&format=excel]
 * The CSV of exactly the filtered contacts view, streamed one batch at a time.
 * `format=excel`: `;` and a BOM, which Dutch Excel opens without an import wizard.
 */
export async function GET(request: Request) {
  try {
    const ctx = await routeWorkspaceCtx(request, 'viewer');
    const params = new URL(request.url).searchParams;
    const filter = parseFilter(params);
    if (!filter.success) return jsonError(400, { code: 'VALIDATION', messageKey: 'validation' });
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
  } catch (e) {
    return routeError(e, 'contacts.export');
  }
}
