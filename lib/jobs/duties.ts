import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { campaigns, jobs } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';
import { sequenceNow } from '@/lib/sequences/clock';
import { runSequencePass, type PassResult } from '@/lib/sequences/engine';
import { createDueSurveyWaves } from '@/lib/surveys/cadence';
import { JOB_KINDS } from './kinds';

/**
 * Periodic duties of every worker. Each is safe to run on many workers at once: the job key
 * dedupes scheduling, recovery is one conditional UPDATE, and the roll-up (lib/tracking/rollup)
 * locks its cursor.
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

/**
 * Surveys sent on a cadence whose next wave is due → a scheduled copy of the last survey mail
 * (lib/surveys/cadence: one locked transaction per survey, so many workers create one wave).
 */
export async function createDueWaves(db: Db): Promise<number> {
  return (await createDueSurveyWaves(db)).filter((w) => w.outcome === 'created').length;
}

/**
 * The sequence engine's pass on the sequence clock (the wall clock; the test clock under
 * PULSE_TEST_CLOCK=1): enrols continuous entrants, queues due steps, applies due sunsets.
 * Every due enrolment is claimed with SKIP LOCKED, so many workers share the work.
 */
export async function runSequenceDuty(db: Db, opts: { batchSize?: number } = {}): Promise<PassResult> {
  return runSequencePass(db, { now: await sequenceNow(db), batchSize: opts.batchSize });
}
