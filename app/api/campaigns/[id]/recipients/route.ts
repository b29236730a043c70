import { z } from 'zod';
import { invalid } from '@/lib/errors';
import { withWorkspaceRoute } from '@/lib/http/workspace-route';
import { RECIPIENT_FILTERS } from '@/lib/reports/recipients';
import { recipientsCsv } from '@/lib/reports/recipients-csv';

const query = z.object({ filter: z.enum(RECIPIENT_FILTERS).default('opened'), machine: z.enum(['0', '1']).default('0') });

/** GET /api/campaigns/<id>/recipients?workspaceId=…&filter=opened|clicked|notOpened|all[&machine=1] → CSV */
export const GET = withWorkspaceRoute<{ id: string }>('viewer', async ({ request, ctx, params: { id } }) => {
  const q = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!q.success) throw invalid('validation');
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
});
