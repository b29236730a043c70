import { z } from 'zod';
import { jsonError, routeError, routeWorkspaceCtx } from '@/lib/http/route-context';
import { RECIPIENT_FILTERS } from '@/lib/reports/recipients';
import { recipientsCsv } from '@/lib/reports/recipients-csv';

const query = z.object({ filter: z.enum(RECIPIENT_FILTERS).default('opened'), machine: z.enum(['0', '1']).default('0') });

/** GET /api/campaigns/<id>/recipients?workspaceId=…&filter=opened|clicked|notOpened|all[&machine=1] → CSV */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const ctx = await routeWorkspaceCtx(request, 'viewer');
    const { id } = await params;
    const q = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!q.success) return jsonError(400, { code: 'VALIDATION', messageKey: 'validation' });
    const rows = recipientsCsv(ctx, id, q.data.filter, q.data.machine === '1');
    const first = await rows.next(); // header; also runs the campaign guard before streaming starts
    const second = await rows.next();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(String(first.value ?? '')));
        if (!second.done) controller.enqueue(encoder.encode(second.value));
        if (second.done) controller.close();
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
        'Content-Disposition': `attachment; filename="campaign-${id.slice(0, 8)}-${q.data.filter}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (e) {
    return routeError(e, 'campaigns.recipients');
  }
}
