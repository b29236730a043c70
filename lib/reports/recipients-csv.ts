import { stringify } from 'csv-stringify/sync';
import { safeRow } from '@/lib/csv/safe-cell';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { listCampaignRecipients, type RecipientFilter } from './recipients';

const iso = (d: Date | null) => (d ? d.toISOString() : '');

/** The drill-down as CSV, page by page (never the whole campaign in memory). */
export async function* recipientsCsv(ctx: WorkspaceCtx, campaignId: string, filter: RecipientFilter, includeMachine: boolean) {
  yield stringify([safeRow(['email', 'first_name', 'last_name', 'variant', 'status', 'sent_at', 'first_open_at', 'first_click_at'])]);
  let after: number | undefined;
  for (;;) {
    const page = await listCampaignRecipients(ctx, campaignId, { filter, includeMachine, after, limit: 2000 });
    if (page.rows.length) {
      yield stringify(
        page.rows.map((r) =>
          safeRow([r.email, r.firstName ?? '', r.lastName ?? '', r.variantKey ?? '', r.status, iso(r.sentAt), iso(r.firstOpenAt), iso(r.firstClickAt)]),
        ),
      );
    }
    if (page.next === null) return;
    after = page.next;
  }
}
