import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { campaigns, jobs } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';
import { JOB_KINDS } from './kinds';

/**
 * Periodic duties of every worker. Each is safe to run on many workers at once: the job key
 * dedupes scheduling, recovery is one conditional UPDATE, and the roll-up locks its cursor.
 */

/** Due scheduled campaigns → one open `campaign.start` job each (the open-key index dedupes). */
export async function enqueueDueCampaigns(db: Db): Promise<number> {
  const rows = await executeRows<{ id: string }>(
    db,
    sql`insert into ${jobs} (kind, key, payload)
        select ${JOB_KINDS.campaignStart}, ${JOB_KINDS.campaignStart} || ':' || ${campaigns.id}, jsonb_build_object('campaignId', ${campaigns.id})
        from ${campaigns}
        where ${campaigns.status} = 'scheduled' and ${campaigns.scheduledAt} <= now()
        on conflict (key) where done_at is null do nothing
        returning id`,
  );
  return rows.length;
}

type RollupFn = (db: Db) => Promise<number>;
// A variable specifier: the module belongs to the tracking side and may not exist in every build.
const ROLLUP_MODULE = '@/lib/tracking/rollup';
let rollup: Promise<RollupFn | null> | undefined;

/** lib/tracking/rollup's rollupEvents, or null when that module is absent. Loaded once. */
export function loadRollup(): Promise<RollupFn | null> {
  rollup ??= import(/* webpackIgnore: true */ ROLLUP_MODULE).then(
    (mod: { rollupEvents?: unknown }) => (typeof mod.rollupEvents === 'function' ? (mod.rollupEvents as RollupFn) : null),
    (error: { code?: string }) => {
      if (['ERR_MODULE_NOT_FOUND', 'MODULE_NOT_FOUND', 'ERR_LOAD_URL'].includes(error?.code ?? '')) return null;
      rollup = undefined; // a broken module: try again next time rather than never
      throw error;
    },
  );
  return rollup;
}

/** Folds new tracking events into the report roll-ups; 0 when the roll-up module is absent. */
export async function runRollup(db: Db): Promise<number> {
  const fn = await loadRollup();
  return fn ? fn(db) : 0;
}
