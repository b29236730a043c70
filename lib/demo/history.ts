import { Readable } from 'node:stream';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { startCampaign } from '@/lib/campaigns/start';
import { createCampaign } from '@/lib/campaigns/manage';
import { scheduleCampaign } from '@/lib/campaigns/schedule';
import { importContacts } from '@/lib/contacts/import';
import { addListMembers, createList } from '@/lib/contacts/lists';
import type { Db } from '@/lib/db/client';
import { campaignLinks, contactImports, contacts, type CampaignAudience } from '@/lib/db/schema';
import { campaignDraftSchema } from '@/lib/db/schema/campaigns/validation';
import { defaultHandlers } from '@/lib/jobs/handlers';
import { JOB_KINDS } from '@/lib/jobs/kinds';
import { claimJobs, completeJob } from '@/lib/jobs/queue';
import { createSegment } from '@/lib/segments/manage';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { abConfig, planCampaigns, type PlannedCampaign } from './campaigns-plan';
import { contactsCsv, CSV_MAPPING, planContacts, type PlannedContact } from './contacts-plan';
import { backdateCampaign, deliverThroughClaims } from './deliver';
import { planEngagement, type DeliveredSend } from './engagement-plan';
import { timed } from './profile';
import { seedDemoConversions } from './conversions';
import { seedDemoSequences } from './sequences';
import { seedDemoSmartlinks } from './smartlinks';
import { seedDemoSurveys } from './surveys';
import { recordEngagement, rollUpAll } from './tracking';

const DAY = 86_400_000;


export interface DemoHistorySummary {
  contacts: number;
  campaigns: number;
  sends: number;
  hits: number;
  surveys: number;
  answers: number;
}

/**
 * A year of the demo workspace's life, through the product's own verbs: contacts arrive in
 * monthly imports, campaigns are created, sent now and delivered by the claims state machine,
 * people open, click, unsubscribe and bounce through the tracking store and the ESP webhook, and
 * the events roll-up turns that into the reports. Each step's timestamps are then moved to the
 * day it happened in the story (the verbs stamp now()).
 */
export async function seedDemoHistory(ctx: WorkspaceCtx): Promise<DemoHistorySummary> {
  const db = ctx.db;
  const now = new Date();
  const people = planContacts();
  const plan = planCampaigns(now);
  const daysAgo = (d: number, hour = 9) => {
    const at = new Date(now.getTime() - d * DAY);
    at.setUTCHours(hour, 0, 0, 0);
    // "Today at noon" may still be ahead of us.
    return at.getTime() < now.getTime() ? at : new Date(now.getTime() - 3_600_000);
  };

  const vip = await createList({ ctx, input: { name: 'VIP' } });
  const segments = await createDemoSegments(ctx);
  const byId = new Map<string, PlannedContact>();
  const mailed = new Set<string>();
  const imported = new Set<number>();
  const summary: DemoHistorySummary = { contacts: 0, campaigns: 0, sends: 0, hits: 0, surveys: 0, answers: 0 };

  const importCohort = async (olderThanDays: number, label: string) => {
    const cohort = people.filter((p) => !imported.has(p.index) && p.joinDaysAgo > olderThanDays);
    if (cohort.length === 0) return;
    cohort.forEach((p) => imported.add(p.index));
    const done = await timed('import', () => importContacts({
      ctx,
      input: { fileName: `${label}.csv`, source: Readable.from([contactsCsv(cohort)]), mapping: CSV_MAPPING },
    }));
    if (done.status !== 'completed') throw new Error(`demo seed: import ${label} ${done.status} ${JSON.stringify(done.error)}`);
    summary.contacts += done.insertedRows;
    const at = daysAgo(Math.min(...cohort.map((p) => p.joinDaysAgo)), 7);
    await db.update(contactImports).set({ createdAt: at, finishedAt: at }).where(eq(contactImports.id, done.id));
    const rows = await db
      .select({ id: contacts.id, email: contacts.email })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.email, cohort.map((p) => p.email))));
    const byEmail = new Map(cohort.map((p) => [p.email, p]));
    rows.forEach((r) => byId.set(r.id, byEmail.get(r.email)!));
    // Join dates: the import verb on this branch takes none, so the story places them afterwards.
    const joined = rows.map((r) => ({ id: r.id, at: daysAgo(byEmail.get(r.email)!.joinDaysAgo, 12).toISOString() }));
    await db.execute(sql`update contacts c set joined_at = v.at, created_at = v.at, updated_at = v.at
      from jsonb_to_recordset(${JSON.stringify(joined)}::jsonb) as v(id uuid, at timestamptz) where c.id = v.id`);
    const vips = rows.filter((r) => byEmail.get(r.email)!.tags.includes('vip')).map((r) => r.id);
    if (vips.length) await addListMembers({ ctx, input: { listId: vip.id, contactIds: vips } });
  };

  const audienceOf = (c: PlannedCampaign): CampaignAudience =>
    c.audience === 'vip' ? { type: 'list', listId: vip.id } : c.audience === 'b2b' ? { type: 'segment', segmentId: segments.b2b } : { type: 'all' };

  await importCohort(plan[0].daysAgo, 'customers-from-old-shop');
  for (const [i, c] of plan.entries()) {
    // The shop's new customers come over every few campaigns (their join dates stay their own).
    if (i % 3 === 0) await importCohort(c.daysAgo, `new-customers-${c.key}`);
    const campaign = await createCampaign({
      ctx,
      // Through the editor's own schema, as the save action does.
      input: campaignDraftSchema.parse({ name: c.name, category: c.category, audienceKind: c.audienceKind, subject: c.subject, previewText: c.previewText, blocks: c.blocks, audience: audienceOf(c), abTest: abConfig(c) }),
    });
    await scheduleCampaign({ ctx, input: { campaignId: campaign.id } });
    await timed('start', () => startCampaign(db, campaign.id, { abWaitMs: 0 }));
    const links = await db.select({ id: campaignLinks.id }).from(campaignLinks).where(eq(campaignLinks.campaignId, campaign.id)).orderBy(asc(campaignLinks.id));
    const sendAt = daysAgo(c.daysAgo, c.hour);

    const phase = async (at: Date) => {
      const sent = await timed('deliver', () => deliverThroughClaims(db, { campaignId: campaign.id, at, spacingMs: 100 }));
      const delivered: DeliveredSend[] = sent.map((s) => ({ sendId: s.id, contact: byId.get(s.contactId)!, sentAt: s.sentAt, variantKey: s.variantKey, firstMail: !mailed.has(s.contactId) }));
      sent.forEach((s) => mailed.add(s.contactId));
      const engagement = planEngagement(c, delivered, links.length);
      await timed('record', () => recordEngagement(db, { workspaceId: ctx.workspaceId, campaignId: campaign.id, linkIds: links.map((l) => l.id), engagement }));
      summary.sends += sent.length;
      summary.hits += engagement.hits.length;
    };
    await phase(sendAt);
    if (c.abTest) {
      await timed('rollup', () => rollUpAll(db));
      // The worker's own winner job decides, on the rolled-up test phase; the rest (if any) follows a day later.
      await runAbWinnerJob(db);
      await phase(new Date(sendAt.getTime() + DAY));
    }
    await backdateCampaign(db, campaign.id, sendAt);
    summary.campaigns++;
  }
  await timed('rollup', () => rollUpAll(db));
  const surveyed = await timed('surveys', () => seedDemoSurveys(ctx, { contactOf: (id) => byId.get(id), daysAgo, now }));
  summary.surveys = surveyed.surveys;
  summary.answers = surveyed.answers;
  await timed('conversions', () => seedDemoConversions(ctx, { now }));
  await timed('rollup', () => rollUpAll(db));
  await importCohort(-1, 'new-customers-this-month');
  await timed('sequences', () => seedDemoSequences(ctx, { now, contactOf: (id) => byId.get(id) }));
  await timed('smartlinks', () => seedDemoSmartlinks(ctx, { now }));
  await createCampaign({
    ctx,
    input: campaignDraftSchema.parse({
      name: 'Next newsletter (draft)',
      category: 'newsletter',
      audienceKind: 'b2c',
      subject: 'Spring harvest preview',
      previewText: 'What is coming to the roastery',
      blocks: [{ type: 'heading', text: 'Spring harvest preview' }, { type: 'text', text: 'Draft: write this month’s story here.' }],
      audience: { type: 'segment', segmentId: segments.engaged },
      abTest: null,
    }),
  });
  return summary;
}

async function runAbWinnerJob(db: Db): Promise<void> {
  const jobs = await claimJobs(db, { workerId: 'demo-seed', kinds: [JOB_KINDS.campaignAbWinner], limit: 10 });
  for (const job of jobs) {
    const result = await defaultHandlers[job.kind](db, job);
    if (result) throw new Error(`demo seed: the A/B winner job asked to retry (${JSON.stringify(result)})`);
    await completeJob(db, job);
  }
}

async function createDemoSegments(ctx: WorkspaceCtx) {
  const make = (name: string, rules: Parameters<typeof createSegment>[0]['input']['rules']) => createSegment({ ctx, input: { name, rules } }).then((s) => s.id);
  const b2b = await make('B2B customers', { match: 'all', rules: [{ kind: 'tag', tag: 'b2b', op: 'has' }] });
  const engaged = await make('Engaged last 30 days', {
    match: 'any',
    rules: [
      { kind: 'lastActivity', signal: 'open', op: 'within', days: 30 },
      { kind: 'lastActivity', signal: 'click', op: 'within', days: 30 },
    ],
  });
  await make('Lapsing (61–365 days)', { match: 'all', rules: [{ kind: 'inactivityTier', tiers: ['tier2', 'tier3'] }] });
  await make('Espresso lovers', { match: 'all', rules: [{ kind: 'tag', tag: 'espresso', op: 'has' }] });
  return { b2b, engaged };
}
