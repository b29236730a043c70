import { Readable } from 'node:stream';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { importContacts } from '@/lib/contacts/import';
import { campaignLinks, campaigns, contactImports, contacts, sequenceEnrolments, sequences } from '@/lib/db/schema';
import { executeRows } from '@/lib/db/sql';
import { createSequence } from '@/lib/sequences/create';
import { runSequencePass } from '@/lib/sequences/engine';
import { getSequenceSteps } from '@/lib/sequences/get';
import { activateSequence } from '@/lib/sequences/lifecycle';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { contactsCsv, CSV_MAPPING, DEMO_CONTACTS, planContacts, type PlannedContact } from './contacts-plan';
import { deliverThroughClaims } from './deliver';
import type { PlannedHit } from './engagement-plan';
import { timed } from './profile';
import { LATE_COHORT_DAYS_AGO, LATE_COHORT_SIZE, lateCohortJoinDaysAgo, planComeback, planStepReaction, SEQUENCE_STARTED_DAYS_AGO } from './sequences-plan';
import { recordEngagement, rollUpAll } from './tracking';

const DAY = 86_400_000;

export interface DemoSequenceSummary {
  enrolled: number;
  sends: number;
}

/**
 * The roaster's win-back sequence for tier 2 (quiet 61–120 days), lived through by the product:
 * created from the template and activated with the verbs, then the engine's own passes at the
 * story's moments (each due step, each comeback, the late group's import), the claims state
 * machine delivering what they queue, people reacting through the tracking store, and the roll-up
 * ending enrolments on re-engagement. Continuous entry lets a later group join mid-way, so the
 * results show every state: reactivated, sunset, left, in progress, and the control group.
 */
export async function seedDemoSequences(ctx: WorkspaceCtx, story: { now: Date; contactOf: (contactId: string) => PlannedContact | undefined }): Promise<DemoSequenceSummary> {
  const db = ctx.db;
  const start = new Date(story.now.getTime() - SEQUENCE_STARTED_DAYS_AGO * DAY);
  start.setUTCHours(8, 0, 0, 0);
  const lateAt = new Date(story.now.getTime() - LATE_COHORT_DAYS_AGO * DAY);
  lateAt.setUTCHours(9, 0, 0, 0);
  const summary: DemoSequenceSummary = { enrolled: 0, sends: 0 };
  const people = new Map<string, PlannedContact>();
  const personOf = (id: string) => people.get(id) ?? story.contactOf(id);

  const draft = await createSequence({
    ctx,
    input: { name: 'Win-back: quiet for 2–4 months', siteUrl: 'https://shop.example.com/welcome-back', audience: { type: 'tier', tiers: ['tier2'] } },
  });
  // The builder's settings on the draft: contacts enter as they cross into the tier (continuous).
  await db.update(sequences).set({ entryMode: 'continuous' }).where(and(eq(sequences.id, draft.id), eq(sequences.workspaceId, ctx.workspaceId)));
  await activateSequence({ ctx, input: { sequenceId: draft.id } });
  const steps = await getSequenceSteps(ctx, draft.id);
  const linksOf = new Map<string, number[]>();
  for (const s of steps) {
    const rows = await db.select({ id: campaignLinks.id }).from(campaignLinks).where(eq(campaignLinks.campaignId, s.campaignId)).orderBy(asc(campaignLinks.id));
    linksOf.set(s.campaignId, rows.map((r) => r.id));
  }

  const comebacks = new Map<string, Date>();
  let lateImported = false;
  for (let t = start; ; ) {
    if (!lateImported && t.getTime() >= lateAt.getTime()) {
      lateImported = true;
      for (const [id, p] of await importLateCohort(ctx, lateAt)) people.set(id, p);
    }
    const due = [...comebacks].filter(([, at]) => at.getTime() <= t.getTime());
    due.forEach(([id]) => comebacks.delete(id));
    if (due.length) await recordComebacks(ctx, due, story.now);

    const pass = await timed('sequence.pass', () => runSequencePass(db, { now: t, batchSize: 1000 }));
    if (pass.enrolled > 0) {
      const entered = await db
        .select({ contactId: sequenceEnrolments.contactId, email: contacts.email })
        .from(sequenceEnrolments)
        .innerJoin(contacts, eq(contacts.id, sequenceEnrolments.contactId))
        .where(and(eq(sequenceEnrolments.sequenceId, draft.id), eq(sequenceEnrolments.enrolledAt, t)));
      for (const e of entered) {
        const at = planComeback(e.email, t);
        if (at && at.getTime() < story.now.getTime()) comebacks.set(e.contactId, at);
      }
      summary.enrolled += entered.length;
    }
    if (pass.queued > 0) {
      for (const [i, s] of steps.entries()) {
        const sent = await deliverThroughClaims(db, { campaignId: s.campaignId, at: t, spacingMs: 2_000 });
        if (sent.length === 0) continue;
        summary.sends += sent.length;
        const links = linksOf.get(s.campaignId)!;
        const hits = sent.flatMap((r) => {
          const person = personOf(r.contactId);
          return person ? planStepReaction({ email: person.email, step: i + 1, sendId: r.id, sentAt: r.sentAt, contact: person }) : [];
        });
        // The preference step's button leads to the preference centre, not a tracked link: no clicks there.
        const possible = hits.filter((h) => h.kind !== 'click' || links.length > 0);
        await timed('record', () => recordEngagement(db, { workspaceId: ctx.workspaceId, campaignId: s.campaignId, linkIds: links, engagement: { hits: happened(possible, story.now), esp: [] } }));
      }
    }
    await timed('rollup', () => rollUpAll(db));

    if (t.getTime() >= story.now.getTime()) break;
    const [next] = await executeRows<{ at: Date | string | null }>(
      db,
      sql`select min(next_due_at) as at from sequence_enrolments where sequence_id = ${draft.id} and status = 'active'`,
    );
    const moments = [next.at ? new Date(next.at).getTime() : Infinity, ...[...comebacks.values()].map((d) => d.getTime()), lateImported ? Infinity : lateAt.getTime()];
    // The story's next moment, and a last pass at the present (what the worker would do on start).
    t = new Date(Math.min(Math.max(Math.min(...moments), t.getTime() + 60_000), story.now.getTime()));
  }

  // The verbs stamped the present; the story started six weeks ago.
  await db.update(sequences).set({ createdAt: new Date(start.getTime() - 2 * DAY), activatedAt: start, updatedAt: start }).where(eq(sequences.id, draft.id));
  await db
    .update(campaigns)
    .set({ createdAt: new Date(start.getTime() - 2 * DAY), startedAt: start, updatedAt: start })
    .where(inArray(campaigns.id, steps.map((s) => s.campaignId)));
  return summary;
}

/** Hits that have happened by `now` (a reaction planned for tomorrow has not). */
const happened = (hits: PlannedHit[], now: Date) => hits.filter((h) => h.at.getTime() <= now.getTime());

/**
 * Customers of a café partner, imported at `at`: signed up 2½–3½ months ago and never opened a mail,
 * so they are in tier 2 from the start and the next pass enrols them (continuous entry).
 */
async function importLateCohort(ctx: WorkspaceCtx, at: Date): Promise<Map<string, PlannedContact>> {
  const db = ctx.db;
  const cohort = planContacts(DEMO_CONTACTS + LATE_COHORT_SIZE)
    .slice(DEMO_CONTACTS)
    .map((p, i) => ({ ...p, tags: [...p.tags, 'cafe-partner'], joinDaysAgo: lateCohortJoinDaysAgo(i) }));
  const done = await importContacts({ ctx, input: { fileName: 'cafe-partner-customers.csv', source: Readable.from([contactsCsv(cohort)]), mapping: CSV_MAPPING } });
  if (done.status !== 'completed') throw new Error(`demo seed: the café partner import ${done.status}`);
  await db.update(contactImports).set({ createdAt: at, finishedAt: at }).where(eq(contactImports.id, done.id));
  const rows = await db
    .select({ id: contacts.id, email: contacts.email })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.email, cohort.map((p) => p.email))));
  const byEmail = new Map(cohort.map((p) => [p.email, p]));
  // Join dates: the import verb takes none, so the story places them afterwards (as history.ts does).
  const joined = rows.map((r) => ({ id: r.id, at: new Date(at.getTime() - (byEmail.get(r.email)!.joinDaysAgo - LATE_COHORT_DAYS_AGO) * DAY).toISOString(), created: at.toISOString() }));
  await db.execute(sql`update contacts c set joined_at = v.at, created_at = v.created, updated_at = v.created
    from jsonb_to_recordset(${JSON.stringify(joined)}::jsonb) as v(id uuid, at timestamptz, created timestamptz) where c.id = v.id`);
  return new Map(rows.map((r) => [r.id, byEmail.get(r.email)!]));
}

/**
 * People who come back on their own: a click (an open where the mail had no links) on the last
 * newsletter they had got by then, recorded through the tracking store at its time. The roll-up ends their
 * enrolment as reactivated, treatment or control alike.
 */
async function recordComebacks(ctx: WorkspaceCtx, due: [string, Date][], now: Date): Promise<void> {
  const db = ctx.db;
  const at = new Map(due);
  // Sent before the earliest of these comebacks: a click on a mail that had not arrived yet would be no click.
  const before = new Date(Math.min(...due.map(([, d]) => d.getTime())) - 3_600_000);
  const latest = await executeRows<{ contact_id: string; send_id: number | string; campaign_id: string; link_id: number | string | null }>(
    db,
    sql`select distinct on (s.contact_id) s.contact_id, s.id as send_id, s.campaign_id,
          (select min(l.id) from campaign_links l where l.campaign_id = s.campaign_id) as link_id
        from campaign_sends s join campaigns c on c.id = s.campaign_id
        where s.workspace_id = ${ctx.workspaceId} and s.contact_id in ${sql`(${sql.join(due.map(([id]) => sql`${id}::uuid`), sql`, `)})`}
          and s.status = 'sent' and c.sequence_id is null and s.sent_at < ${before.toISOString()}::timestamptz
        order by s.contact_id, s.sent_at desc`,
  );
  const byCampaign = new Map<string, { linkIds: number[]; hits: PlannedHit[] }>();
  for (const r of latest) {
    const entry = byCampaign.get(r.campaign_id) ?? { linkIds: r.link_id === null ? [] : [Number(r.link_id)], hits: [] };
    const when = at.get(r.contact_id)!;
    entry.hits.push(r.link_id === null ? { kind: 'open', sendId: Number(r.send_id), at: when, machine: false } : { kind: 'click', sendId: Number(r.send_id), at: when, machine: false, linkIndex: 0 });
    byCampaign.set(r.campaign_id, entry);
  }
  for (const [campaignId, e] of byCampaign) {
    await recordEngagement(db, { workspaceId: ctx.workspaceId, campaignId, linkIds: e.linkIds, engagement: { hits: happened(e.hits, now), esp: [] } });
  }
}
