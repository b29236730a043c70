import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { campaignSends, sequenceEnrolments, type Sequence } from '@/lib/db/schema';
import { ENROLMENT_STATUSES, type EnrolmentGroup, type EnrolmentStatus, type StepKind } from '@/lib/db/schema/sequences/constants';
import { executeRows } from '@/lib/db/sql';
import { INACTIVITY_TIERS, ctr, openRate, percent, rangeVerdict, reactivationLift, reactivationRate, type GroupCounts, type Rate, type RangeVerdict } from '@/lib/metrics';
import { stepOpenRateBenchmark } from '@/lib/metrics/sequences';
import { sequenceNow } from '@/lib/sequences/clock';
import { getSequenceInWorkspace, getSequenceSteps } from '@/lib/sequences/get';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { conversionsAfterReactivation, type ReactivatedRevenue } from './sequence-revenue';

type Scope = Pick<WorkspaceCtx, 'db' | 'workspaceId'>;

export type StatusCounts = Record<EnrolmentStatus, number> & { enrolled: number };
export type Lift = ReturnType<typeof reactivationLift>;

export interface StepResult {
  position: number;
  kind: StepKind;
  campaignId: string;
  subject: string;
  /** Step mails delivered (send rows of this sequence's enrolments, status sent). */
  sends: number;
  /** Unique human openers and clickers among them (machine opens and scanner clicks left out). */
  opens: number;
  clicks: number;
  openRate: Rate;
  clickRate: Rate;
  benchmark: { low: number; high: number };
  verdict: RangeVerdict | null;
  /** Treatment enrolments that ended with this as their last step, by how they ended. */
  exits: { reactivated: number; sunset: number; left: number; stopped: number; total: number };
}

export interface TierResult {
  tier: string;
  treatment: GroupCounts;
  control: GroupCounts;
  lift: Lift;
  expected: { low: number; high: number } | null;
}

export interface RelapseFigures {
  reactivated: number;
  relapsed: number;
  /** Reactivated, still inside the 60-day window, not relapsed. */
  nurturing: number;
  relapseRate: Rate;
}

export interface SequenceResults {
  sequence: Pick<Sequence, 'id' | 'name' | 'status' | 'controlPct'>;
  byGroup: Record<EnrolmentGroup, StatusCounts>;
  total: StatusCounts;
  groups: Record<EnrolmentGroup, GroupCounts & { rate: Rate }>;
  lift: Lift;
  steps: StepResult[];
  /** Enrolments that ended before their first step went out (treatment only). */
  exitsBeforeFirstStep: number;
  tiers: TierResult[];
  revenue: ReactivatedRevenue;
  relapse: Record<EnrolmentGroup, RelapseFigures>;
}

const emptyCounts = (): StatusCounts => ({ enrolled: 0, ...Object.fromEntries(ENROLMENT_STATUSES.map((s) => [s, 0])) }) as StatusCounts;
const n = (v: unknown) => Number(v ?? 0);

/**
 * Everything the results page shows for one sequence of the caller's workspace (another
 * workspace's id is not found). Counts come from SQL; every rate, lift and verdict from lib/metrics.
 */
export async function getSequenceResults(ctx: Scope, sequenceId: string): Promise<SequenceResults> {
  const sequence = await getSequenceInWorkspace(ctx, sequenceId);
  const db = ctx.db;
  const scope = sql`${sequenceEnrolments.workspaceId} = ${ctx.workspaceId} and ${sequenceEnrolments.sequenceId} = ${sequence.id}`;
  const now = await sequenceNow(db);

  const [statusRows, tierRows, exitRows, relapseRows, steps] = await Promise.all([
    executeRows<{ group: EnrolmentGroup; status: EnrolmentStatus; n: unknown }>(
      db,
      sql`select "group", status, count(*) as n from ${sequenceEnrolments} where ${scope} group by 1, 2`,
    ),
    executeRows<{ tier: string | null; group: EnrolmentGroup; enrolled: unknown; reactivated: unknown }>(
      db,
      sql`select tier, "group", count(*) as enrolled, count(*) filter (where status = 'reactivated') as reactivated
          from ${sequenceEnrolments} where ${scope} group by 1, 2`,
    ),
    executeRows<{ step: number; status: EnrolmentStatus; n: unknown }>(
      db,
      sql`select step, status, count(*) as n from ${sequenceEnrolments}
          where ${scope} and "group" = 'treatment' and status <> 'active' group by 1, 2`,
    ),
    executeRows<{ group: EnrolmentGroup; reactivated: unknown; relapsed: unknown; nurturing: unknown }>(
      db,
      sql`select "group", count(*) as reactivated, count(relapsed_at) as relapsed,
            count(*) filter (where relapsed_at is null and nurture_until > ${now.toISOString()}::timestamptz) as nurturing
          from ${sequenceEnrolments} where ${scope} and reactivated_at is not null group by 1`,
    ),
    getSequenceSteps(ctx, sequence.id),
  ]);

  const byGroup: Record<EnrolmentGroup, StatusCounts> = { treatment: emptyCounts(), control: emptyCounts() };
  const total = emptyCounts();
  for (const r of statusRows) {
    for (const target of [byGroup[r.group], total]) {
      target[r.status] += n(r.n);
      target.enrolled += n(r.n);
    }
  }
  const groupCounts = (g: EnrolmentGroup): GroupCounts => ({ enrolled: byGroup[g].enrolled, reactivated: byGroup[g].reactivated });
  const groups = {
    treatment: { ...groupCounts('treatment'), rate: reactivationRate(groupCounts('treatment')) },
    control: { ...groupCounts('control'), rate: reactivationRate(groupCounts('control')) },
  };

  const funnel = await stepFunnel(db, ctx.workspaceId, sequence.id, steps.map((s) => s.campaignId));
  const exitsAt = (step: number, status: EnrolmentStatus) => n(exitRows.find((r) => n(r.step) === step && r.status === status)?.n);
  const stepResults: StepResult[] = steps.map((s) => {
    const f = funnel.get(s.campaignId) ?? { sends: 0, opens: 0, clicks: 0 };
    const benchmark = stepOpenRateBenchmark(s.kind);
    const rate = openRate(f.opens, f.sends);
    const exits = {
      reactivated: exitsAt(s.position, 'reactivated'),
      sunset: exitsAt(s.position, 'sunset'),
      left: exitsAt(s.position, 'left'),
      // Treatment enrolments do not complete (that is a control window ending); counted here all the same.
      stopped: exitsAt(s.position, 'stopped') + exitsAt(s.position, 'completed'),
    };
    return {
      position: s.position,
      kind: s.kind,
      campaignId: s.campaignId,
      subject: s.subject,
      ...f,
      openRate: rate,
      clickRate: ctr(f.clicks, f.sends),
      benchmark,
      verdict: rangeVerdict(rate, benchmark),
      exits: { ...exits, total: exits.reactivated + exits.sunset + exits.left + exits.stopped },
    };
  });
  const exitsBeforeFirstStep = exitRows.filter((r) => n(r.step) === 0).reduce((sum, r) => sum + n(r.n), 0);

  const tierIds = [...INACTIVITY_TIERS.map((t) => t.id as string), ...new Set(tierRows.map((r) => r.tier ?? 'unknown'))];
  const tiers: TierResult[] = [...new Set(tierIds)]
    .map((tier) => {
      const of = (g: EnrolmentGroup): GroupCounts => {
        const row = tierRows.find((r) => (r.tier ?? 'unknown') === tier && r.group === g);
        return { enrolled: n(row?.enrolled), reactivated: n(row?.reactivated) };
      };
      const treatment = of('treatment');
      const control = of('control');
      return { tier, treatment, control, lift: reactivationLift(treatment, control), expected: INACTIVITY_TIERS.find((t) => t.id === tier)?.expected ?? null };
    })
    .filter((t) => t.treatment.enrolled + t.control.enrolled > 0);

  const relapseOf = (g: EnrolmentGroup): RelapseFigures => {
    const row = relapseRows.find((r) => r.group === g);
    const reactivated = n(row?.reactivated);
    const relapsed = n(row?.relapsed);
    return { reactivated, relapsed, nurturing: n(row?.nurturing), relapseRate: percent(relapsed, reactivated) };
  };

  return {
    sequence: { id: sequence.id, name: sequence.name, status: sequence.status, controlPct: sequence.controlPct },
    byGroup,
    total,
    groups,
    lift: reactivationLift(groupCounts('treatment'), groupCounts('control')),
    steps: stepResults,
    exitsBeforeFirstStep,
    tiers,
    revenue: await conversionsAfterReactivation(db, ctx.workspaceId, sequence.id),
    relapse: { treatment: relapseOf('treatment'), control: relapseOf('control') },
  };
}

/** Per step campaign: its send rows that belong to this sequence's enrolments (joined on enrolment_id). */
async function stepFunnel(db: Db, workspaceId: string, sequenceId: string, campaignIds: string[]) {
  const out = new Map<string, { sends: number; opens: number; clicks: number }>();
  if (campaignIds.length === 0) return out;
  const rows = await executeRows<{ campaign_id: string; sends: unknown; opens: unknown; clicks: unknown }>(
    db,
    sql`select s.campaign_id,
          count(*) filter (where s.status = 'sent') as sends,
          count(*) filter (where s.status = 'sent' and s.first_human_open_at is not null) as opens,
          count(*) filter (where s.status = 'sent' and s.first_human_click_at is not null) as clicks
        from ${campaignSends} s
        join ${sequenceEnrolments} e on e.id = s.enrolment_id and e.workspace_id = s.workspace_id and e.sequence_id = ${sequenceId}
        where s.workspace_id = ${workspaceId} and s.campaign_id in (${sql.join(
          campaignIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        group by s.campaign_id`,
  );
  for (const r of rows) out.set(r.campaign_id, { sends: n(r.sends), opens: n(r.opens), clicks: n(r.clicks) });
  return out;
}
