import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { executeRows } from '@/lib/db/sql';
import { applyEspEvents } from '@/lib/webhooks/esp';
import { CLICK_SCANNER_WINDOW_SECONDS, OPEN_PREFETCH_WINDOW_SECONDS, type Verdict } from '@/lib/tracking/classify';
import { rollupEvents, ROLLUP_CURSOR } from '@/lib/tracking/rollup';
import { recordHits, unsubscribe, type TimedHit } from '@/lib/tracking/store';
import type { CampaignEngagement, PlannedHit } from './engagement-plan';

const human = (windowSeconds: number): Verdict => ({ machine: false, reason: null, windowSeconds });
const machine = (reason: 'apple-mpp' | 'scanner'): Verdict => ({ machine: true, reason, windowSeconds: 0 });
const CHUNK = 5_000;

/**
 * Records a campaign's engagement the way real traffic lands: opens and clicks through the
 * tracking store (its batched, timed form of the /t/ handler's statements), unsubscribes through
 * the store's unsubscribe (which also flips the contact), bounces and complaints through the ESP
 * webhook verb. The few unsubscribe events are then moved to their planned time.
 */
export async function recordEngagement(db: Db, p: { workspaceId: string; campaignId: string; linkIds: number[]; engagement: CampaignEngagement }) {
  const hits = p.engagement.hits.flatMap((h): TimedHit[] => (h.kind === 'unsubscribe' ? [] : [timed(h, p.linkIds)]));
  let recorded = 0;
  for (let i = 0; i < hits.length; i += CHUNK) recorded += await recordHits(db, hits.slice(i, i + CHUNK));
  if (recorded !== hits.length) throw new Error(`demo seed: ${hits.length} hits planned, ${recorded} recorded for campaign ${p.campaignId}`);

  const unsubscribes = p.engagement.hits.filter((h) => h.kind === 'unsubscribe');
  const [{ mark }] = await executeRows<{ mark: number | string }>(db, sql`select coalesce(max(id), 0) as mark from events`);
  for (const u of unsubscribes) await unsubscribe(db, u.sendId);
  if (unsubscribes.length > 0) {
    const planned = unsubscribes.map((u) => ({ send_id: u.sendId, at: u.at.toISOString() }));
    await db.execute(sql`update events e set created_at = v.at
      from jsonb_to_recordset(${JSON.stringify(planned)}::jsonb) as v(send_id bigint, at timestamptz)
      where e.send_id = v.send_id and e.type = 'unsubscribe' and e.id > ${Number(mark)}`);
  }
  if (p.engagement.esp.length > 0) {
    await applyEspEvents(db, p.workspaceId, {
      provider: 'generic',
      ignored: 0,
      events: p.engagement.esp.map((e) => ({ type: e.kind, email: e.email, messageId: `<pulse.${p.campaignId}.${e.sendId}@demo.pulse.localhost>`, occurredAt: e.at })),
    });
  }
}

function timed(h: Exclude<PlannedHit, { kind: 'unsubscribe' }>, linkIds: number[]): TimedHit {
  if (h.kind === 'open') return { sendId: h.sendId, type: 'open', at: h.at, verdict: h.machine ? machine(h.machine) : human(OPEN_PREFETCH_WINDOW_SECONDS) };
  return { sendId: h.sendId, type: 'click', linkId: linkIds[h.linkIndex ?? 0], at: h.at, verdict: h.machine ? machine(h.machine) : human(CLICK_SCANNER_WINDOW_SECONDS) };
}

/** Rolls events up to the last one recorded; another worker may hold the cursor for a moment. */
export async function rollUpAll(db: Db): Promise<void> {
  const [{ upto }] = await executeRows<{ upto: number | string }>(db, sql`select coalesce(max(id), 0) as upto from events`);
  for (const until = Date.now() + 60_000; ; ) {
    await rollupEvents(db);
    const [cursor] = await executeRows<{ position: number | string }>(db, sql`select position from cursors where name = ${ROLLUP_CURSOR}`);
    if (Number(cursor?.position ?? 0) >= Number(upto)) return;
    if (Date.now() > until) throw new Error('demo seed: the events roll-up did not catch up within a minute');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
