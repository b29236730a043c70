import { asc, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  campaignLinkClickers,
  campaigns,
  campaignSends,
  campaignStats,
  campaignStatsHourly,
  events,
  type EventType,
} from '@/lib/db/schema';
import { rollupEvents } from '@/lib/tracking/rollup';
import { lastEventId, makeCampaign, rollupThrough, type MadeCampaign } from './support/campaigns';
import { setupTestDb } from './support/db';
import { testDriver } from './support/driver';
import { makeUser } from './support/factories';

const db = setupTestDb();

const HOUR = Date.UTC(2025, 4, 6, 9);
const at = (minutes: number) => new Date(HOUR + minutes * 60_000);
let workspaceId: string;

beforeAll(async () => {
  workspaceId = (await makeUser(db(), { workspaceName: 'Roll-up' })).workspace.id;
});

interface Hit {
  send: number;
  type: EventType;
  machine?: boolean;
  link?: number;
  minute: number;
}

async function insertHits(c: MadeCampaign, hits: Hit[]): Promise<number> {
  const rows = await db()
    .insert(events)
    .values(
      hits.map((h) => ({
        workspaceId: c.workspaceId,
        campaignId: c.id,
        sendId: c.sends[h.send].id,
        contactId: c.sends[h.send].contactId,
        linkId: h.link === undefined ? null : c.links[h.link].id,
        type: h.type,
        machine: h.machine ?? false,
        createdAt: at(h.minute),
      })),
    )
    .returning({ id: events.id });
  return Math.max(...rows.map((r) => r.id));
}

// 3 sends: send 0 opens (machine first, then human) and clicks link 0 twice; send 1 only
// machine-opens and is scanner-clicked; send 2 unsubscribes, bounces and complains.
const HITS: Hit[] = [
  { send: 0, type: 'open', machine: true, minute: 1 },
  { send: 0, type: 'open', minute: 5 },
  { send: 0, type: 'open', minute: 65 },
  { send: 0, type: 'click', link: 0, minute: 6 },
  { send: 0, type: 'click', link: 0, minute: 70 },
  { send: 0, type: 'click', link: 1, minute: 71 },
  { send: 1, type: 'open', machine: true, minute: 0 },
  { send: 1, type: 'click', link: 1, machine: true, minute: 0 },
  { send: 2, type: 'unsubscribe', minute: 10 },
  { send: 2, type: 'bounce', minute: 11 },
  { send: 2, type: 'complaint', minute: 12 },
];

async function rolledUp(c: MadeCampaign) {
  const [stats] = await db().select().from(campaignStats).where(eq(campaignStats.campaignId, c.id));
  const hourly = await db()
    .select({ hour: campaignStatsHourly.hour, opens: campaignStatsHourly.opens, humanOpens: campaignStatsHourly.humanOpens, clicks: campaignStatsHourly.clicks, humanClicks: campaignStatsHourly.humanClicks })
    .from(campaignStatsHourly)
    .where(eq(campaignStatsHourly.campaignId, c.id))
    .orderBy(asc(campaignStatsHourly.hour));
  const clickers = await db()
    .select({ linkId: campaignLinkClickers.linkId, sendId: campaignLinkClickers.sendId, clicks: campaignLinkClickers.clicks, humanClicks: campaignLinkClickers.humanClicks, firstAt: campaignLinkClickers.firstAt })
    .from(campaignLinkClickers)
    .where(inArray(campaignLinkClickers.linkId, c.links.map((l) => l.id)))
    .orderBy(asc(campaignLinkClickers.linkId), asc(campaignLinkClickers.sendId));
  const sends = await db()
    .select({ id: campaignSends.id, firstOpenAt: campaignSends.firstOpenAt, firstHumanOpenAt: campaignSends.firstHumanOpenAt, firstClickAt: campaignSends.firstClickAt, firstHumanClickAt: campaignSends.firstHumanClickAt })
    .from(campaignSends)
    .where(eq(campaignSends.campaignId, c.id))
    .orderBy(asc(campaignSends.id));
  return { stats, hourly, clickers, sends };
}

function expectHitsRolledUp(c: MadeCampaign, r: Awaited<ReturnType<typeof rolledUp>>, times = 1) {
  expect(r.stats).toMatchObject({ opens: 4 * times, humanOpens: 2 * times, clicks: 4 * times, humanClicks: 3 * times, unsubscribes: times, bounces: times, complaints: times, workspaceId: c.workspaceId });
  expect(r.hourly).toEqual([
    { hour: at(0), opens: 3 * times, humanOpens: times, clicks: 2 * times, humanClicks: times },
    { hour: at(60), opens: times, humanOpens: times, clicks: 2 * times, humanClicks: 2 * times },
  ]);
  expect(r.clickers).toEqual([
    { linkId: c.links[0].id, sendId: c.sends[0].id, clicks: 2 * times, humanClicks: 2 * times, firstAt: at(6) },
    { linkId: c.links[1].id, sendId: c.sends[0].id, clicks: times, humanClicks: times, firstAt: at(71) },
    { linkId: c.links[1].id, sendId: c.sends[1].id, clicks: times, humanClicks: 0, firstAt: at(0) },
  ]);
  expect(r.sends).toEqual([
    { id: c.sends[0].id, firstOpenAt: at(1), firstHumanOpenAt: at(5), firstClickAt: at(6), firstHumanClickAt: at(6) },
    { id: c.sends[1].id, firstOpenAt: at(0), firstHumanOpenAt: null, firstClickAt: at(0), firstHumanClickAt: null },
    { id: c.sends[2].id, firstOpenAt: null, firstHumanOpenAt: null, firstClickAt: null, firstHumanClickAt: null },
  ]);
}

describe('rollupEvents', () => {
  it('counts exactly what was inserted, across several small batches', async () => {
    const c = await makeCampaign(db(), workspaceId, { sends: 3 });
    const last = await insertHits(c, HITS);
    // Batches of 4 go through the 11 events in three transactions.
    await rollupEvents(db(), { batchSize: 4 });
    await rollupThrough(db(), last);
    expectHitsRolledUp(c, await rolledUp(c));
  });

  it('running it again changes nothing; new events are added on top; first times never move', async () => {
    const c = await makeCampaign(db(), workspaceId, { sends: 3 });
    await rollupThrough(db(), await insertHits(c, HITS));
    const once = await rolledUp(c);
    await rollupEvents(db());
    await rollupEvents(db());
    expect(await rolledUp(c)).toEqual(once);
    await rollupThrough(db(), await insertHits(c, HITS));
    expectHitsRolledUp(c, await rolledUp(c), 2);
  });

  it('two concurrent callers never count an event twice', async () => {
    const c = await makeCampaign(db(), workspaceId, { sends: 3 });
    const last = await insertHits(c, [...HITS, ...HITS, ...HITS]);
    const consumed = await Promise.all([rollupEvents(db(), { batchSize: 3 }), rollupEvents(db(), { batchSize: 3 }), rollupEvents(db(), { batchSize: 5 })]);
    await rollupThrough(db(), last);
    expectHitsRolledUp(c, await rolledUp(c), 3);
    // On PGlite this file owns the database, so the callers' counts must add up exactly.
    if (testDriver() === 'pglite') expect(consumed.reduce((a, b) => a + b, 0)).toBe(HITS.length * 3);
  });

  it('skips events of deleted campaigns instead of failing the batch', async () => {
    const gone = await makeCampaign(db(), workspaceId, { sends: 3 });
    const kept = await makeCampaign(db(), workspaceId, { sends: 3 });
    await insertHits(gone, HITS);
    await db().delete(campaigns).where(eq(campaigns.id, gone.id));
    await rollupThrough(db(), await insertHits(kept, HITS));
    expectHitsRolledUp(kept, await rolledUp(kept));
    expect(await db().select().from(campaignStats).where(eq(campaignStats.campaignId, gone.id))).toEqual([]);
  });

  it('waits at a young gap in the ids (an insert not yet committed) and skips it once it is old', async () => {
    const c = await makeCampaign(db(), workspaceId, { sends: 3 });
    await rollupThrough(db(), await lastEventId(db()));
    // Take an id from the sequence and never use it, as a slow or rolled-back insert would.
    await db().execute(sql`select nextval(pg_get_serial_sequence('events', 'id'))`);
    const [after] = await db()
      .insert(events)
      .values({ workspaceId, campaignId: c.id, sendId: c.sends[0].id, contactId: c.sends[0].contactId, type: 'open' })
      .returning({ id: events.id });
    await rollupEvents(db());
    expect(await db().select().from(campaignStats).where(eq(campaignStats.campaignId, c.id))).toEqual([]);
    // That run noted the gap; with a 1 s grace it counts as a rolled-back insert once a second has
    // passed: rollupThrough polls until the cursor is past the event.
    await rollupThrough(db(), after.id, { gapGraceSeconds: 1 });
    const [stats] = await db().select().from(campaignStats).where(eq(campaignStats.campaignId, c.id));
    expect(stats.opens).toBe(1);
  });

  it('refuses a nonsensical batch size', async () => {
    await expect(rollupEvents(db(), { batchSize: 0 })).rejects.toThrow(RangeError);
  });
});
