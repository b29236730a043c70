import { sql } from 'drizzle-orm';
import { claimSends, finishIfDone, recordOutcomes } from '@/lib/campaigns/claims';
import type { Db } from '@/lib/db/client';
import { executeRows } from '@/lib/db/sql';
import { timed } from './profile';

/**
 * Delivery for the demo's history: the send worker's claims (SKIP LOCKED, per-claim token) and
 * the outbox path's claimed → sent transition fenced by that token, in large batches — without
 * composing 2,000 mails per campaign into the outbox, which would drown the Outbox page.
 */
export interface DeliveredRow {
  id: number;
  contactId: string;
  sentAt: Date;
  variantKey: string | null;
}

/**
 * `at`: when the story sends the first mail; the rest follow one every `spacingMs` in id order.
 * The product stamps now(); a history has to be placed in the past, so the transition writes the
 * story's time instead.
 */
export async function deliverThroughClaims(db: Db, p: { campaignId: string; at: Date; spacingMs: number }): Promise<DeliveredRow[]> {
  const delivered: DeliveredRow[] = [];
  for (let batch = 1; ; batch++) {
    const token = `demo-seed#${p.campaignId}#${batch}`;
    const rows = await timed('deliver.claim', () => claimSends(db, { campaignId: p.campaignId, token, limit: 5_000 }));
    if (rows.length === 0) break;
    const gone = rows.filter((r) => !r.subscribed);
    await recordOutcomes(db, gone.map((r) => ({ id: r.id, token: r.token, status: 'cancelled' as const, error: 'contact no longer subscribed' })));
    // The outbox path's own transition: claimed → sent, fenced by this claim's token.
    const sent = await timed('deliver.sent', () =>
      executeRows<{ id: number | string; contact_id: string; sent_at: Date | string; variant_key: string | null }>(
        db,
        sql`update campaign_sends s set status = 'sent', sent_at = x.at, claimed_at = x.at
            from (select id, ${p.at.toISOString()}::timestamptz + (row_number() over (order by id) - 1 + ${delivered.length}::int) * ${p.spacingMs}::int * interval '1 millisecond' as at
                  from campaign_sends where campaign_id = ${p.campaignId}::uuid and claimed_by = ${token} and status = 'claimed') x
            where s.id = x.id and s.claimed_by = ${token} and s.status = 'claimed'
            returning s.id, s.contact_id, s.sent_at, s.variant_key`,
      ),
    );
    delivered.push(...sent.map((r) => ({ id: Number(r.id), contactId: r.contact_id, sentAt: new Date(r.sent_at), variantKey: r.variant_key })));
  }
  await timed('deliver.finish', () => finishIfDone(db, p.campaignId));
  return delivered;
}

/** The campaign row's own dates follow its sends. */
export async function backdateCampaign(db: Db, campaignId: string, sendAt: Date): Promise<void> {
  await db.execute(sql`
    update campaigns c set
      created_at = ${sendAt.toISOString()}::timestamptz - interval '2 days',
      scheduled_at = ${sendAt.toISOString()}::timestamptz,
      started_at = ${sendAt.toISOString()}::timestamptz,
      finished_at = coalesce((select max(sent_at) from campaign_sends where campaign_id = c.id), ${sendAt.toISOString()}::timestamptz),
      updated_at = coalesce((select max(sent_at) from campaign_sends where campaign_id = c.id), ${sendAt.toISOString()}::timestamptz)
    where c.id = ${campaignId}::uuid`);
}
