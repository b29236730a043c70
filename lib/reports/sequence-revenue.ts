import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { events, sequenceEnrolments } from '@/lib/db/schema';
import type { EnrolmentGroup } from '@/lib/db/schema/sequences/constants';
import { executeRows } from '@/lib/db/sql';

export interface ReactivatedRevenue {
  /** Human conversions of reactivated contacts at or after their reactivation, and their value. */
  conversions: number;
  revenueCents: number;
  byGroup: Record<EnrolmentGroup, { conversions: number; revenueCents: number }>;
}

/**
 * Revenue from contacts this sequence reactivated: `conversion` events (not machine) of the same
 * workspace and contact, at or after the reactivation, their value read from `meta.valueCents`
 * (whole cents; anything else counts as a conversion without value). A contact reactivated by two
 * enrolments (re-entry) counts each conversion once, for its latest reactivation before it.
 */
export async function conversionsAfterReactivation(db: Db, workspaceId: string, sequenceId: string): Promise<ReactivatedRevenue> {
  const rows = await executeRows<{ group: EnrolmentGroup; conversions: unknown; cents: unknown }>(
    db,
    sql`with hit as (
          select distinct on (ev.id) ev.id, en."group",
            case when ev.meta->>'valueCents' ~ '^[0-9]{1,15}$' then (ev.meta->>'valueCents')::bigint else 0 end as cents
          from ${sequenceEnrolments} en
          join ${events} ev on ev.workspace_id = en.workspace_id and ev.contact_id = en.contact_id
            and ev.type = 'conversion' and not ev.machine and ev.created_at >= en.reactivated_at
          where en.workspace_id = ${workspaceId} and en.sequence_id = ${sequenceId} and en.reactivated_at is not null
          order by ev.id, en.reactivated_at desc
        )
        select "group", count(*) as conversions, coalesce(sum(cents), 0) as cents from hit group by 1`,
  );
  const of = (g: EnrolmentGroup) => {
    const row = rows.find((r) => r.group === g);
    return { conversions: Number(row?.conversions ?? 0), revenueCents: Number(row?.cents ?? 0) };
  };
  const byGroup = { treatment: of('treatment'), control: of('control') };
  return {
    conversions: byGroup.treatment.conversions + byGroup.control.conversions,
    revenueCents: byGroup.treatment.revenueCents + byGroup.control.revenueCents,
    byGroup,
  };
}
