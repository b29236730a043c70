import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { executeRows } from '@/lib/db/sql';
import { withTransaction } from '@/lib/db/transaction';
import { NURTURE_DAYS } from '@/lib/metrics/sequences';
import { sequenceNow } from '@/lib/sequences/clock';
import { REACTIVATED_TAG } from '@/lib/sequences/exits';
import { webhookOutboxSql } from '@/lib/webhooks/outgoing/outbox';

/**
 * Folds new `events` into the roll-ups the reports read: first open/click times on campaign_sends,
 * campaign_stats totals, campaign_stats_hourly, campaign_link_clickers, and contacts' last human
 * open/click/activity (what segments, inactivity tiers and list health read). Events are consumed in
 * id order from the `events` cursor, one transaction per batch that also advances the cursor.
 *
 * Several workers: the batch locks the cursor row (FOR UPDATE SKIP LOCKED), so a second worker
 * finds it taken and returns 0 instead of counting the same events again.
 *
 * Ids are taken from a sequence before their insert commits, so id 100 may become visible after
 * 101. A batch therefore stops at a gap in the ids. The first time a batch stops at a gap, the
 * gap is noted in the cursor row ROLLUP_GAP_CURSOR; once it has been seen for
 * ROLLUP_GAP_GRACE_SECONDS it counts as a rolled-back insert and is passed. Observation time,
 * not events.created_at, decides, so backdated events cannot make an in-flight one look old.
 */
export const ROLLUP_CURSOR = 'events';
export const ROLLUP_GAP_CURSOR = 'events:gap';
export const ROLLUP_GAP_GRACE_SECONDS = 30;
export const ROLLUP_DEFAULT_BATCH = 10_000;

export interface RollupOptions {
  batchSize?: number;
  /** Stop after this many batches (default: until caught up). */
  maxBatches?: number;
  /** How long a gap in the ids must have been seen before it counts as permanent. */
  gapGraceSeconds?: number;
}

/** Consumes events up to the present; returns how many it consumed (0 when another worker holds the cursor). */
export async function rollupEvents(
  db: Db,
  { batchSize = ROLLUP_DEFAULT_BATCH, maxBatches = Infinity, gapGraceSeconds = ROLLUP_GAP_GRACE_SECONDS }: RollupOptions = {},
): Promise<number> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  await db.execute(sql`insert into cursors (name, position) values (${ROLLUP_CURSOR}, 0) on conflict (name) do nothing`);
  // The sequence clock's lead over the wall clock: 0 in production, the offset under the test clock.
  const clockOffsetMs = (await sequenceNow(db)).getTime() - Date.now();
  let total = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const consumed = await withTransaction(db, (tx) => rollupBatch(tx, batchSize, gapGraceSeconds, clockOffsetMs));
    if (consumed === null) break;
    total += consumed;
    // A short batch means caught up, or stopped at a gap: the next run goes on from there.
    if (consumed < batchSize) break;
  }
  return total;
}

/** One batch in the caller's transaction; null when another worker holds the cursor. */
async function rollupBatch(tx: Db, batchSize: number, graceSeconds: number, clockOffsetMs: number): Promise<number | null> {
  const [cursor] = await executeRows<{ position: string | number }>(
    tx,
    sql`select position from cursors where name = ${ROLLUP_CURSOR} for update skip locked`,
  );
  if (!cursor) return null;
  const from = Number(cursor.position);
  const [noted] = await executeRows<{ position: string | number; expired: boolean }>(
    tx,
    sql`select position, updated_at < now() - ${graceSeconds}::int * interval '1 second' as expired
        from cursors where name = ${ROLLUP_GAP_CURSOR}`,
  );
  const passable = noted?.expired ? Number(noted.position) : 0;
  const [range] = await executeRows<{ upto: string | number; count: number; gap_at: string | number | null }>(
    tx,
    batchRange(from, batchSize, passable),
  );
  if (range.gap_at !== null) {
    // Keeps the first-seen time of a gap that is still there; a new gap starts its own clock.
    await tx.execute(sql`
      insert into cursors (name, position, updated_at) values (${ROLLUP_GAP_CURSOR}, ${Number(range.gap_at)}, now())
      on conflict (name) do update set position = excluded.position, updated_at = now()
      where cursors.position <> excluded.position`);
  }
  if (range.count === 0) return 0;
  const upto = Number(range.upto);
  await tx.execute(applyRange(from, upto, clockOffsetMs));
  await tx.execute(sql`update cursors set position = ${upto}, updated_at = now() where name = ${ROLLUP_CURSOR}`);
  return range.count;
}

/**
 * Up to batchSize events after `from`, cut before the first gap in the ids other than the one
 * ending at `passable` (the id after a gap seen long enough). `gap_at` is the id after the cut.
 */
function batchRange(from: number, batchSize: number, passable: number) {
  return sql`
    with b as (
      select id, lag(id, 1, ${from}::bigint) over (order by id) as prev
      from (select id from events where id > ${from} order by id limit ${batchSize}) x
    ), stop as (
      select min(id) as at from b where id <> prev + 1 and id <> ${passable}
    )
    select coalesce(max(b.id) filter (where s.at is null or b.id < s.at), ${from}::bigint) as upto,
      (count(*) filter (where s.at is null or b.id < s.at))::int as count, max(s.at) as gap_at
    from b cross join stop s`;
}

/**
 * Every roll-up of events (from, upto] in one statement: the campaign roll-ups (events of deleted
 * campaigns, sends or links are skipped; those tables reference them), each contact's last human
 * open, click and activity (machine events never count), and the exit of re-engaged contacts from
 * their active sequence enrolments.
 */
function applyRange(from: number, upto: number, clockOffsetMs: number) {
  return sql`
    with batch as materialized (
      -- The workspace comes from the campaign, so one campaign can never yield two stats rows.
      select e.id, e.campaign_id, c.workspace_id, e.send_id, e.link_id, e.type, e.machine, e.created_at,
        case when e.type = 'conversion' then (e.meta->>'valueCents')::bigint end as value_cents
      from events e join campaigns c on c.id = e.campaign_id
      where e.id > ${from} and e.id <= ${upto}
    ), firsts as (
      update campaign_sends s set
        first_open_at = coalesce(s.first_open_at, f.open_at),
        first_human_open_at = coalesce(s.first_human_open_at, f.human_open_at),
        first_click_at = coalesce(s.first_click_at, f.click_at),
        first_human_click_at = coalesce(s.first_human_click_at, f.human_click_at)
      from (
        select send_id,
          min(created_at) filter (where type = 'open') as open_at,
          min(created_at) filter (where type = 'open' and not machine) as human_open_at,
          min(created_at) filter (where type = 'click') as click_at,
          min(created_at) filter (where type = 'click' and not machine) as human_click_at
        from batch where send_id is not null and type in ('open', 'click') group by send_id
      ) f
      where s.id = f.send_id and (
        (s.first_open_at is null and f.open_at is not null) or (s.first_human_open_at is null and f.human_open_at is not null) or
        (s.first_click_at is null and f.click_at is not null) or (s.first_human_click_at is null and f.human_click_at is not null))
    ), totals as (
      insert into campaign_stats as t (campaign_id, workspace_id, opens, human_opens, clicks, human_clicks, unsubscribes, bounces, complaints, conversions, revenue_cents, updated_at)
      select campaign_id, workspace_id,
        count(*) filter (where type = 'open'), count(*) filter (where type = 'open' and not machine),
        count(*) filter (where type = 'click'), count(*) filter (where type = 'click' and not machine),
        count(*) filter (where type = 'unsubscribe'), count(*) filter (where type = 'bounce'),
        count(*) filter (where type = 'complaint'), count(*) filter (where type = 'conversion'), coalesce(sum(value_cents), 0), now()
      from batch group by campaign_id, workspace_id
      on conflict (campaign_id) do update set
        opens = t.opens + excluded.opens, human_opens = t.human_opens + excluded.human_opens,
        clicks = t.clicks + excluded.clicks, human_clicks = t.human_clicks + excluded.human_clicks,
        unsubscribes = t.unsubscribes + excluded.unsubscribes, bounces = t.bounces + excluded.bounces,
        complaints = t.complaints + excluded.complaints, conversions = t.conversions + excluded.conversions,
        revenue_cents = t.revenue_cents + excluded.revenue_cents,
        updated_at = now()
    ), engaged as (
      -- Human engagement per contact, read from events directly: a deleted campaign's open still counts.
      select contact_id, workspace_id,
        max(created_at) filter (where type = 'open') as open_at,
        max(created_at) filter (where type = 'click') as click_at,
        max(created_at) as activity_at
      from events
      where id > ${from} and id <= ${upto} and contact_id is not null and not machine and type in ('open', 'click', 'conversion')
      group by contact_id, workspace_id
    ), locked as materialized (
      -- Row locks in id order, so an import or unsubscribe touching the same contacts cannot deadlock with us.
      select c.id from contacts c join engaged g on g.contact_id = c.id and g.workspace_id = c.workspace_id
      order by c.id for update of c
    ), reengaged as (
      -- Re-engagement ends a contact's active sequence enrolments: a human click or conversion, and a
      -- human open only where the workspace counts opens. reactivated_at is the event's own time (the
      -- moment the contact acted, however late the roll-up runs) on the sequence clock: plus the test
      -- clock's offset, so it never precedes the steps the engine dated on that clock (0 in production).
      select x.contact_id, x.workspace_id, min(x.created_at) + make_interval(secs => ${clockOffsetMs / 1000}::double precision) as at, (array_agg(x.type order by x.created_at, x.id))[1] as reason
      from events x join workspaces w on w.id = x.workspace_id
      where x.id > ${from} and x.id <= ${upto} and x.contact_id is not null and not x.machine
        and (x.type in ('click', 'conversion') or (x.type = 'open' and 'open' = any(w.inactivity_signals)))
      group by x.contact_id, x.workspace_id
    ), reactivated as (
      -- Same fields as reactivateContact (lib/sequences/exits), after the contacts are locked.
      update sequence_enrolments s set status = 'reactivated', exited_at = r.at, exit_reason = r.reason, reactivated_at = r.at,
        nurture_until = r.at + make_interval(days => ${NURTURE_DAYS}::int), next_due_at = null
      from reengaged r join locked l on l.id = r.contact_id
      where s.workspace_id = r.workspace_id and s.contact_id = r.contact_id and s.status = 'active'
      returning s.contact_id, s.workspace_id
    ), ${webhookOutboxSql(
      'wh_reactivated',
      'contact.reactivated',
      // One event per contact (however many enrolments it left), as reactivateContact emits it.
      sql`select rx.workspace_id, jsonb_build_object('contactId', rx.contact_id, 'reason', r.reason,
            'reactivatedAt', to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'enrolments', rx.n) as data
          from (select contact_id, workspace_id, count(*)::int as n from reactivated group by contact_id, workspace_id) rx
          join reengaged r on r.contact_id = rx.contact_id and r.workspace_id = rx.workspace_id`,
    )}, contact_dates as (
      -- greatest(): values only move forward, so a later imported date or an earlier late event changes nothing.
      -- One UPDATE per contact row per statement: the "reactivated" tag rides on this one.
      update contacts c set
        last_open_at = greatest(c.last_open_at, g.open_at),
        last_click_at = greatest(c.last_click_at, g.click_at),
        last_activity_at = greatest(c.last_activity_at, c.last_open_at, c.last_click_at, c.last_purchase_at, g.activity_at),
        tags = case when rx.contact_id is not null and not (c.tags @> array[${REACTIVATED_TAG}]::text[])
                    then array_append(c.tags, ${REACTIVATED_TAG}) else c.tags end
      from engaged g join locked l on l.id = g.contact_id
        left join (select distinct contact_id, workspace_id from reactivated) rx on rx.contact_id = g.contact_id and rx.workspace_id = g.workspace_id
      where c.id = g.contact_id and c.workspace_id = g.workspace_id and (
        g.open_at > coalesce(c.last_open_at, '-infinity') or g.click_at > coalesce(c.last_click_at, '-infinity') or
        g.activity_at > coalesce(c.last_activity_at, '-infinity') or
        (rx.contact_id is not null and not (c.tags @> array[${REACTIVATED_TAG}]::text[])))
    ), hourly as (
      insert into campaign_stats_hourly as h (campaign_id, hour, opens, human_opens, clicks, human_clicks)
      select campaign_id, date_trunc('hour', created_at, 'UTC'),
        count(*) filter (where type = 'open'), count(*) filter (where type = 'open' and not machine),
        count(*) filter (where type = 'click'), count(*) filter (where type = 'click' and not machine)
      from batch where type in ('open', 'click') group by 1, 2
      on conflict (campaign_id, hour) do update set
        opens = h.opens + excluded.opens, human_opens = h.human_opens + excluded.human_opens,
        clicks = h.clicks + excluded.clicks, human_clicks = h.human_clicks + excluded.human_clicks
    )
    insert into campaign_link_clickers as k (link_id, send_id, clicks, human_clicks, first_at)
    select b.link_id, b.send_id, count(*), count(*) filter (where not b.machine), min(b.created_at)
    from batch b join campaign_links l on l.id = b.link_id and l.campaign_id = b.campaign_id
    where b.type = 'click' and b.send_id is not null
    group by b.link_id, b.send_id
    on conflict (link_id, send_id) do update set
      clicks = k.clicks + excluded.clicks, human_clicks = k.human_clicks + excluded.human_clicks,
      first_at = least(k.first_at, excluded.first_at)`;
}
