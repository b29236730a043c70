import { z } from 'zod';
import { invalid } from '@/lib/errors';
import { csvDownload } from '@/lib/http/csv-download';
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
  const head = [String(first.value ?? ''), ...(second.done ? [] : [second.value])];
  return csvDownload(head, rows, `campaign-${id.slice(0, 8)}-${q.data.filter}.csv`);
});
