import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { campaigns, contacts, sequenceEnrolments, sequences, sequenceSteps, workspaces, type Sequence } from '@/lib/db/schema';
import type { AudienceKind } from '@/lib/db/schema/campaigns/constants';
import { VALUE_TIERS } from '@/lib/db/schema/sequences/constants';
import { executeRows } from '@/lib/db/sql';
import { INACTIVITY_TIER_IDS } from '@/lib/metrics/inactivity';
import { definedLastActivitySql, inactivityTierSql } from '@/lib/metrics/inactivity-sql';
import { sequenceAudienceWhere, valueTierSql, type InactivityWorkspace } from './audience';
import { controlWindowDays, stepDueAt } from './window';

const DAY_MS = 86_400_000;

/** What the engine needs of a sequence besides its row: the workspace's definition and the steps in order. */
export interface SequencePlan {
  sequence: Sequence;
  workspace: InactivityWorkspace & { timezone: string };
  steps: { position: number; campaignId: string; gapMinDays: number; gapMaxDays: number; audienceKind: AudienceKind }[];
}

export async function loadSequencePlan(db: Db, sequence: Sequence): Promise<SequencePlan> {
  const [workspace] = await db
    .select({ id: workspaces.id, benchmarks: workspaces.benchmarks, inactivitySignals: workspaces.inactivitySignals, timezone: workspaces.timezone })
    .from(workspaces)
    .where(eq(workspaces.id, sequence.workspaceId));
  const steps = await db
    .select({
      position: sequenceSteps.position,
      campaignId: sequenceSteps.campaignId,
      gapMinDays: sequenceSteps.gapMinDays,
      gapMaxDays: sequenceSteps.gapMaxDays,
      audienceKind: campaigns.audienceKind,
    })
    .from(sequenceSteps)
    .innerJoin(campaigns, eq(campaigns.id, sequenceSteps.campaignId))
    .where(and(eq(sequenceSteps.sequenceId, sequence.id), eq(sequenceSteps.workspaceId, sequence.workspaceId)))
    .orderBy(asc(sequenceSteps.position));
  return { sequence, workspace, steps };
}

/** Tier, value tier and days away of a contact at enrolment, under the workspace's definition. */
function enrolmentFacts(workspace: InactivityWorkspace) {
  const last = definedLastActivitySql(workspace.inactivitySignals);
  const tier = sql`case ${sql.join(
    INACTIVITY_TIER_IDS.map((t) => sql`when ${inactivityTierSql(last, t)} then ${t}`),
    sql` `,
  )} end`;
  const valueTier = sql`case ${sql.join(
    VALUE_TIERS.map((t) => sql`when ${valueTierSql(workspace.id, t)} then ${t}`),
    sql` `,
  )} end`;
  const daysAway = sql`floor(extract(epoch from (now() - ${last})) / 86400)::int`;
  return { tier, valueTier, daysAway };
}

/**
 * Enrols the sequence's audience at `now`, set-based (one INSERT … SELECT), and returns how many
 * entered. Left out: contacts with an active enrolment in this sequence, and contacts who were in
 * it before unless the sequence allows re-entry and their last exit is at least the cool-down ago.
 * Each new enrolment is held out as control at random (recorded, `random() * 100 < controlPct`:
 * the rule of isControl); control waits out the treatment's window and receives nothing.
 * Treatment's step 1 is due at the first send-window slot from now.
 */
export async function enrolAudience(db: Db, plan: SequencePlan, now: Date): Promise<number> {
  const { sequence, workspace, steps } = plan;
  if (steps.length === 0) return 0;
  const where = await sequenceAudienceWhere(db, workspace, sequence.audience);
  const { tier, valueTier, daysAway } = enrolmentFacts(workspace);
  const firstDue = stepDueAt(now, steps[0], workspace.timezone, true);
  const controlEnd = new Date(now.getTime() + controlWindowDays(steps, sequence.sunsetAfterDays) * DAY_MS);
  const earlier: SQL =
    sequence.reentryCooldownDays === null
      ? sql`true`
      : sql`(x.status = 'active' or coalesce(x.exited_at, 'infinity'::timestamptz) > ${now.toISOString()}::timestamptz - make_interval(days => ${sequence.reentryCooldownDays}::int))`;
  const rows = await executeRows<{ id: number }>(
    db,
    sql`insert into ${sequenceEnrolments} (workspace_id, sequence_id, contact_id, "group", status, step, next_due_at, enrolled_at, tier, value_tier, days_away, sunset_at)
        select ${workspace.id}::uuid, ${sequence.id}::uuid, p.id, p.grp, 'active', 0,
          case when p.grp = 'control' then ${controlEnd.toISOString()}::timestamptz else ${firstDue.toISOString()}::timestamptz end,
          ${now.toISOString()}::timestamptz, p.tier, p.value_tier, p.days_away,
          case when p.grp = 'control' then ${controlEnd.toISOString()}::timestamptz end
        from (
          select ${contacts.id} as id, ${tier} as tier, ${valueTier} as value_tier, ${daysAway} as days_away,
            case when random() * 100 < ${sequence.controlPct}::int then 'control' else 'treatment' end as grp
          from ${contacts}
          where ${where}
            and not exists (select 1 from ${sequenceEnrolments} x where x.sequence_id = ${sequence.id} and x.contact_id = ${contacts.id} and ${earlier})
        ) p
        on conflict (sequence_id, contact_id) where status = 'active' do nothing
        returning id`,
  );
  return rows.length;
}

/** Continuous entry looks for newly matching contacts at most this often per sequence. */
export const CONTINUOUS_ENTRY_EVERY_MS = 60_000;

/**
 * Continuous sequences: enrols contacts who crossed the threshold since the last look, at most
 * once a minute. The conditional update of last_entry_at is the claim: of several workers, one
 * enrols; it commits together with the enrolments.
 */
export async function enrolContinuous(db: Db, plan: SequencePlan, now: Date, everyMs = CONTINUOUS_ENTRY_EVERY_MS): Promise<number | null> {
  const { sequence } = plan;
  if (sequence.entryMode !== 'continuous') return null;
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(sequences)
      .set({ lastEntryAt: now })
      .where(
        and(
          eq(sequences.id, sequence.id),
          eq(sequences.status, 'active'),
          sql`(${sequences.lastEntryAt} is null or ${sequences.lastEntryAt} <= ${new Date(now.getTime() - everyMs).toISOString()}::timestamptz)`,
        ),
      )
      .returning({ id: sequences.id });
    if (claimed.length === 0) return null;
    return enrolAudience(tx as unknown as Db, plan, now);
  });
}
