import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactTimeline } from '@/lib/contacts/detail';
import { exportContacts } from '@/lib/contacts/export';
import { getListHealth } from '@/lib/contacts/health';
import { getContact } from '@/lib/contacts/query';
import { contacts, events } from '@/lib/db/schema';
import { defaultBenchmarks } from '@/lib/metrics/benchmarks';
import { countSegment } from '@/lib/segments/manage';
import type { SegmentRules } from '@/lib/segments/rules';
import { signToken } from '@/lib/tracking/token';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { installProcessDb, lastEventId, makeCampaign, rollupThrough, startTrackingServer, type MadeCampaign } from './support/campaigns';
import { daysAgo } from './support/contacts';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';

/**
 * Engagement reaches contacts: real tracking hits (node:http + handleTracking) → the real roll-up
 * → what a user sees (contact detail, a segment count, list health, the CSV export). The contacts'
 * last open/click/activity columns are never written here; only joined_at, the fixture's input.
 */
const db = setupTestDb();
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const APPLE_PROXY = 'Mozilla/5.0'; // Apple Mail Privacy Protection: a machine open
const SCANNER = 'Mozilla/5.0 (compatible; Barracuda Sentinel)'; // a machine click
const benchmarks = { ...defaultBenchmarks('ecommerce'), inactivityDays: 90 };
const clickedWithin30: SegmentRules = { match: 'all', rules: [{ kind: 'lastActivity', signal: 'click', op: 'within', days: 30 }] };

let base: string;
let close: () => Promise<void>;
let restoreDb: () => void;

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  ({ url: base, close } = await startTrackingServer());
});
afterAll(async () => {
  await close?.();
  restoreDb?.();
});

const hit = (path: string, userAgent = CHROME) => fetch(base + path, { redirect: 'manual', headers: { 'user-agent': userAgent } });
const open = (c: MadeCampaign, i: number, ua?: string) => hit(`/t/o/${signToken('open', [c.sends[i].id])}`, ua);
const click = (c: MadeCampaign, i: number, ua?: string) => hit(`/t/c/${signToken('click', [c.sends[i].id, c.links[0].id])}`, ua);

/** A workspace with one sent campaign to `n` contacts who joined 500 days ago (inactive tier 4 before any hit). */
async function setup(n: number): Promise<{ ctx: WorkspaceCtx; campaign: MadeCampaign }> {
  const u = await makeUser(db());
  const ctx = await ctxFor(db(), u.user.id, u.workspace.id);
  const campaign = await makeCampaign(db(), ctx.workspaceId, { sends: n });
  await db().update(contacts).set({ joinedAt: daysAgo(500) }).where(eq(contacts.workspaceId, ctx.workspaceId));
  return { ctx, campaign };
}

const engagement = (ctx: WorkspaceCtx, contactId: string) =>
  db()
    .select({ open: contacts.lastOpenAt, click: contacts.lastClickAt, activity: contacts.lastActivityAt })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, contactId)))
    .then((r) => r[0]);

/** When the human open / click of a contact was recorded (the latest one). */
async function humanAt(contactId: string, type: 'open' | 'click'): Promise<Date> {
  const rows = await db()
    .select({ at: events.createdAt })
    .from(events)
    .where(and(eq(events.contactId, contactId), eq(events.type, type), eq(events.machine, false)))
    .orderBy(asc(events.createdAt));
  return rows[rows.length - 1].at;
}

async function exported(ctx: WorkspaceCtx): Promise<Record<string, string>[]> {
  let text = '';
  for await (const chunk of await exportContacts({ ctx, input: { filter: {} } })) text += chunk;
  return parse(text, { columns: true }) as Record<string, string>[];
}

const tierCounts = async (ctx: WorkspaceCtx) =>
  Object.fromEntries((await getListHealth(ctx, { benchmarks })).tiers.map((t) => [t.tier, t.count]));

describe('backfill migration', () => {
  // Runs before any roll-up in this file, so the events are still un-rolled when the SQL runs.
  it('sets last human open, click and activity from existing events and ignores machine events', async () => {
    const { ctx, campaign } = await setup(3);
    await open(campaign, 0);
    await click(campaign, 0);
    await open(campaign, 1, APPLE_PROXY);
    await click(campaign, 1, SCANNER);
    const file = readFileSync(path.resolve(__dirname, '../../drizzle/0005_backfill_contact_engagement.sql'), 'utf8');
    for (const statement of file.split('--> statement-breakpoint')) await db().execute(sql.raw(statement));

    const [human, machine, silent] = campaign.sends.map((s) => s.contactId);
    const clickAt = await humanAt(human, 'click');
    expect(await engagement(ctx, human)).toEqual({ open: await humanAt(human, 'open'), click: clickAt, activity: clickAt });
    expect(await engagement(ctx, machine)).toEqual({ open: null, click: null, activity: null });
    expect(await engagement(ctx, silent)).toEqual({ open: null, click: null, activity: null });
  });
});

describe('roll-up keeps contacts’ engagement', () => {
  let ctx: WorkspaceCtx;
  let campaign: MadeCampaign;
  let ids: string[];

  beforeAll(async () => {
    ({ ctx, campaign } = await setup(4));
    ids = campaign.sends.map((s) => s.contactId);
  });

  it('a human open and click reach the contact page, a segment, list health and the export; machine hits move nothing', async () => {
    expect(await countSegment(ctx, clickedWithin30)).toBe(0);
    expect(await tierCounts(ctx)).toMatchObject({ tier4: 4 });

    await open(campaign, 0);
    expect((await click(campaign, 0)).status).toBe(302);
    await open(campaign, 1);
    await open(campaign, 2, APPLE_PROXY);
    await click(campaign, 2, SCANNER);
    await rollupThrough(db(), await lastEventId(db()));

    const [clicker, opener, machine, silent] = ids;
    const openAt = await humanAt(clicker, 'open');
    const clickAt = await humanAt(clicker, 'click');

    // Contact detail: the profile's dates and the timeline's "last open / last click" entries.
    const detail = await getContact({ ctx, input: { contactId: clicker } });
    expect(detail).toMatchObject({ lastOpenAt: openAt, lastClickAt: clickAt, lastActivityAt: clickAt });
    const timeline = await contactTimeline(ctx, detail);
    expect(timeline.filter((e) => e.kind === 'lastOpen' || e.kind === 'lastClick')).toEqual([
      { kind: 'lastClick', at: clickAt },
      { kind: 'lastOpen', at: openAt },
    ]);
    const machineDetail = await getContact({ ctx, input: { contactId: machine } });
    expect(machineDetail).toMatchObject({ lastOpenAt: null, lastClickAt: null, lastActivityAt: null });
    expect((await contactTimeline(ctx, machineDetail)).some((e) => e.kind === 'lastOpen' || e.kind === 'lastClick')).toBe(false);

    // "Last click within 30 days": only the human clicker (not the scanner-clicked contact).
    expect(await countSegment(ctx, clickedWithin30)).toBe(1);
    // List health: the two who engaged leave tier 4; the machine-only and silent contacts stay.
    expect(await tierCounts(ctx)).toEqual({ tier1: 0, tier2: 0, tier3: 0, tier4: 2 });

    // The CSV export's columns.
    const rows = new Map((await exported(ctx)).map((r) => [r.email, r]));
    const emails = await db().select({ id: contacts.id, email: contacts.email }).from(contacts).where(inArray(contacts.id, ids));
    const row = (id: string) => rows.get(emails.find((e) => e.id === id)!.email)!;
    expect(row(clicker)).toMatchObject({ last_open_at: openAt.toISOString(), last_click_at: clickAt.toISOString() });
    expect(row(opener)).toMatchObject({ last_open_at: (await humanAt(opener, 'open')).toISOString(), last_click_at: '' });
    expect(row(machine)).toMatchObject({ last_open_at: '', last_click_at: '' });
    expect(row(silent)).toMatchObject({ last_open_at: '', last_click_at: '' });
  });

  it('values only move forward: a late event dated earlier changes nothing', async () => {
    const [clicker] = ids;
    const before = await engagement(ctx, clicker);
    expect(before.click).not.toBeNull();
    // An event recorded late (dated 200 days ago), as an ESP replay or a slow worker would leave it.
    await db().insert(events).values({
      workspaceId: ctx.workspaceId,
      campaignId: campaign.id,
      sendId: campaign.sends[0].id,
      contactId: clicker,
      linkId: campaign.links[0].id,
      type: 'click',
      createdAt: daysAgo(200),
    });
    await rollupThrough(db(), await lastEventId(db()));
    expect(await engagement(ctx, clicker)).toEqual(before);
  });

  it('a later human open moves the open and activity forward but keeps the click', async () => {
    const [, opener] = ids;
    const before = await engagement(ctx, opener);
    await open(campaign, 1);
    await rollupThrough(db(), await lastEventId(db()));
    const after = await engagement(ctx, opener);
    expect(after.open!.getTime()).toBeGreaterThan(before.open!.getTime());
    expect(after).toEqual({ open: after.open, click: null, activity: after.open });
  });
});
