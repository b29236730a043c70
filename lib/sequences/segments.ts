import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { contacts, sequences, type Sequence } from '@/lib/db/schema';
import { BEHAVIOUR_SEGMENTS, VALUE_TIERS, type BehaviourSegment, type ValueTier } from '@/lib/db/schema/sequences/constants';
import { INACTIVITY_TIERS } from '@/lib/metrics/benchmarks';
import { INACTIVITY_TIER_IDS } from '@/lib/metrics/inactivity';
import { definedLastActivitySql, inactivityTierSql } from '@/lib/metrics/inactivity-sql';
import { percent, type Rate } from '@/lib/metrics/rates';
import type { InactivityTierId } from '@/lib/metrics/reactivation';
import { BEHAVIOUR_EXPECTED } from '@/lib/metrics/sequences';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { behaviourSql, valueTierSql, type InactivityWorkspace } from './audience';

/** A drifting-away segment as a sequence audience names it (and /sequences/new?tier=… takes it). */
export type DriftingSegmentRef =
  | { kind: 'tier'; id: InactivityTierId }
  | { kind: 'behaviour'; id: BehaviourSegment }
  | { kind: 'value'; id: ValueTier };

export type TargetingSequence = Pick<Sequence, 'id' | 'name'>;

export type DriftingSegment = DriftingSegmentRef & {
  count: number;
  /** Of the subscribed contacts. */
  share: Rate;
  /** Expected reactivation in percent (PRODUCT.md §7); value tiers have none. */
  expected: { low: number; high: number } | null;
  /** The active sequence whose audience is this segment, if any. */
  sequence: TargetingSequence | null;
};

export interface DriftingSegments {
  subscribed: number;
  tiers: DriftingSegment[];
  behaviours: DriftingSegment[];
  values: DriftingSegment[];
}

/** The query string that preselects the segment in the sequence builder: `tier=tier2`, `behaviour=…`, `value=…`. */
export const segmentQuery = (ref: DriftingSegmentRef): string => `${ref.kind}=${ref.id}`;

/** The SQL twin of sequenceAudienceWhere for one segment (scope and status added by the caller). */
function segmentSql(workspace: InactivityWorkspace, ref: DriftingSegmentRef, last: SQL): SQL {
  if (ref.kind === 'tier') return inactivityTierSql(last, ref.id);
  if (ref.kind === 'behaviour') return behaviourSql(ref.id, workspace.benchmarks.inactivityDays);
  return valueTierSql(workspace.id, ref.id);
}

const REFS: DriftingSegmentRef[] = [
  ...INACTIVITY_TIER_IDS.map((id) => ({ kind: 'tier' as const, id })),
  ...BEHAVIOUR_SEGMENTS.map((id) => ({ kind: 'behaviour' as const, id })),
  ...VALUE_TIERS.map((id) => ({ kind: 'value' as const, id })),
];

/** Does `audience` target exactly this segment (a tier audience may name several tiers)? */
export function audienceTargets(audience: Sequence['audience'], ref: DriftingSegmentRef): boolean {
  if (ref.kind === 'tier') return audience.type === 'tier' && audience.tiers.includes(ref.id);
  if (ref.kind === 'behaviour') return audience.type === 'behaviour' && audience.segment === ref.id;
  return audience.type === 'value' && audience.tiers.includes(ref.id);
}

/** The workspace's active sequences, newest activation first: the ones a segment can point to. */
export function activeSequences(ctx: WorkspaceCtx) {
  return ctx.db
    .select({ id: sequences.id, name: sequences.name, audience: sequences.audience })
    .from(sequences)
    .where(and(eq(sequences.workspaceId, ctx.workspaceId), eq(sequences.status, 'active')))
    .orderBy(desc(sequences.activatedAt), desc(sequences.createdAt));
}

export function sequenceFor(active: { id: string; name: string; audience: Sequence['audience'] }[], ref: DriftingSegmentRef): TargetingSequence | null {
  const found = active.find((s) => audienceTargets(s.audience, ref));
  return found ? { id: found.id, name: found.name } : null;
}

/**
 * Live counts of the drifting-away segments under the workspace's inactivity definition, in one
 * pass over its subscribed contacts (the same WHERE a sequence audience enrols), plus per segment
 * the active sequence that targets it.
 */
export async function getDriftingSegments(ctx: WorkspaceCtx, workspace: InactivityWorkspace): Promise<DriftingSegments> {
  if (workspace.id !== ctx.workspaceId) throw new Error('getDriftingSegments: workspace is not the context workspace');
  const last = definedLastActivitySql(workspace.inactivitySignals);
  const key = (ref: DriftingSegmentRef) => `${ref.kind}_${ref.id}`;
  const [[row], active] = await Promise.all([
    ctx.db
      .select({
        subscribed: sql<number>`count(*)::int`,
        ...Object.fromEntries(REFS.map((ref) => [key(ref), sql<number>`(count(*) filter (where ${segmentSql(workspace, ref, last)}))::int`])),
      })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.status, 'subscribed'))),
    activeSequences(ctx),
  ]);
  const counts = row as unknown as Record<string, number>;
  const segment = (ref: DriftingSegmentRef): DriftingSegment => {
    const count = Number(counts[key(ref)]);
    const expected =
      ref.kind === 'tier' ? INACTIVITY_TIERS.find((t) => t.id === ref.id)!.expected : ref.kind === 'behaviour' ? BEHAVIOUR_EXPECTED[ref.id] : null;
    return { ...ref, count, share: percent(count, Number(counts.subscribed)), expected, sequence: sequenceFor(active, ref) } as DriftingSegment;
  };
  return {
    subscribed: Number(counts.subscribed),
    tiers: REFS.filter((r) => r.kind === 'tier').map(segment),
    behaviours: REFS.filter((r) => r.kind === 'behaviour').map(segment),
    values: REFS.filter((r) => r.kind === 'value').map(segment),
  };
}
