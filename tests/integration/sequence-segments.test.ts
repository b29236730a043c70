import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getListHealth } from '@/lib/contacts/health';
import { importContacts } from '@/lib/contacts/import';
import { setContactStatus } from '@/lib/contacts/manage';
import { contacts, type Contact } from '@/lib/db/schema';
import { definedInactivity, INACTIVITY_TIER_IDS } from '@/lib/metrics/inactivity';
import { countSegment } from '@/lib/segments/manage';
import { createSequence } from '@/lib/sequences/create';
import { getDriftingSegments, type DriftingSegments } from '@/lib/sequences/segments';
import { signToken } from '@/lib/tracking/token';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { getWorkspace } from '@/lib/workspaces/get';
import { updateInactivitySettings } from '@/lib/workspaces/inactivity';
import { installProcessDb, lastEventId, makeCampaign, rollupThrough, startTrackingServer, type MadeCampaign } from './support/campaigns';
import { csvStream, daysAgo } from './support/contacts';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';

/**
 * The drifting-away segments under a workspace's inactivity definition. Contacts arrive as
 * production makes them: dates through a CSV import (an old tool's export), opens through real
 * tracking hits and the roll-up; lifetime value (in cents here, written as euros in the file) comes
 * with the same import, as a shop export's "ltv" column.
 */
const db = setupTestDb();
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const APPLE_PROXY = 'Mozilla/5.0'; // Apple Mail Privacy Protection: a machine open
const DEFAULT = ['open', 'click', 'reply', 'conversion', 'survey'] as const;
const NO_OPENS = ['click', 'reply', 'conversion', 'survey'] as const;

// Every date sits 12 hours past its whole day, clear of any tier boundary.
const at = (days?: number) => (days === undefined ? '' : daysAgo(days, 12).toISOString());
const PEOPLE = {
  tier1: { joined: 500, open: 45, ltv: 5_000 },
  tier2: { joined: 500, purchase: 100, ltv: 50_000 },
  tier3: { joined: 500, click: 200, ltv: 1_000 },
  tier4: { joined: 500 },
  newcomer: { joined: 10 },
  fadingClicker: { joined: 500, open: 20, click: 150, ltv: 10_000 },
  lapsedBuyer: { joined: 500, open: 5, purchase: 200, ltv: 20_000 },
  gone: { joined: 500 },
} satisfies Record<string, { joined: number; open?: number; click?: number; purchase?: number; ltv?: number }>;
type Person = keyof typeof PEOPLE | 'opener' | 'machine';

let base: string;
let close: () => Promise<void>;
let restoreDb: () => void;
let ctx: WorkspaceCtx;
let campaign: MadeCampaign;
const ids = {} as Record<Person, string>;

const hit = (path: string, userAgent: string) => fetch(base + path, { redirect: 'manual', headers: { 'user-agent': userAgent } }).then((r) => r.arrayBuffer());

async function workspaceWith(name: string) {
  const u = await makeUser(db(), { workspaceName: name });
  const c = await ctxFor(db(), u.user.id, u.workspace.id);
  await updateInactivitySettings({ ctx: c, input: { inactivityDays: 90, signals: [...DEFAULT] } });
  return c;
}

async function importPeople(c: WorkspaceCtx, rows: { email: string; joined?: number; open?: number; click?: number; purchase?: number; ltv?: number }[]) {
  const euros = (cents?: number) => (cents === undefined ? '' : (cents / 100).toFixed(2));
  const lines = [
    'email,joined,last_open,last_click,last_purchase,ltv',
    ...rows.map((r) => [r.email, at(r.joined), at(r.open), at(r.click), at(r.purchase), euros(r.ltv)].join(',')),
  ];
  const result = await importContacts({
    ctx: c,
    input: {
      fileName: 'old-tool.csv',
      source: csvStream(lines),
      mapping: { email: 'email', joinedAt: 'joined', lastOpenAt: 'last_open', lastClickAt: 'last_click', lastPurchaseAt: 'last_purchase', lifetimeValue: 'ltv' },
    },
  });
  expect(result.status).toBe('completed');
}

const segments = async (c = ctx) => getDriftingSegments(c, await getWorkspace(c));
const counts = (s: DriftingSegments) =>
  Object.fromEntries([...s.tiers, ...s.behaviours, ...s.values].map((x) => [x.id, x.count]));
const tierCounts = (s: DriftingSegments) => Object.fromEntries(s.tiers.map((x) => [x.id, x.count]));

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  ({ url: base, close } = await startTrackingServer());
  ctx = await workspaceWith('Drifting');
  campaign = await makeCampaign(db(), ctx.workspaceId, { sends: 2 });
  const recipients = await db()
    .select({ id: contacts.id, email: contacts.email })
    .from(contacts)
    .where(inArray(contacts.id, campaign.sends.map((s) => s.contactId)));
  const emailOf = (contactId: string) => recipients.find((r) => r.id === contactId)!.email;
  // The campaign's two recipients came from the same old tool: joined 500 days ago, nothing else known.
  await importPeople(ctx, [
    ...Object.entries(PEOPLE).map(([name, p]) => ({ email: `${name.toLowerCase()}@drift.test`, ...p })),
    { email: emailOf(campaign.sends[0].contactId), joined: 500 },
    { email: emailOf(campaign.sends[1].contactId), joined: 500 },
  ]);
  const rows = await db().select().from(contacts).where(eq(contacts.workspaceId, ctx.workspaceId)).orderBy(asc(contacts.email));
  for (const name of Object.keys(PEOPLE) as (keyof typeof PEOPLE)[]) ids[name] = rows.find((r) => r.email === `${name.toLowerCase()}@drift.test`)!.id;
  ids.opener = campaign.sends[0].contactId;
  ids.machine = campaign.sends[1].contactId;
  await setContactStatus({ ctx, input: { contactId: ids.gone, status: 'unsubscribed' } });

  // One person opens the mail; Apple's proxy fetches the other's pixel.
  await hit(`/t/o/${signToken('open', [campaign.sends[0].id])}`, CHROME);
  await hit(`/t/o/${signToken('open', [campaign.sends[1].id])}`, APPLE_PROXY);
  await rollupThrough(db(), await lastEventId(db()));
});
afterAll(async () => {
  await close?.();
  restoreDb?.();
});

async function contact(person: Person): Promise<Contact> {
  const [row] = await db().select().from(contacts).where(and(eq(contacts.workspaceId, ctx.workspaceId), eq(contacts.id, ids[person])));
  return row;
}

describe('drifting-away segments', () => {
  it('counts each tier, behaviour and value segment of the subscribed contacts, with share and expected range', async () => {
    const s = await segments();
    expect(s.subscribed).toBe(9);
    expect(counts(s)).toEqual({
      tier1: 1, // opened 45 days ago
      tier2: 1, // bought 100 days ago
      tier3: 1, // clicked 200 days ago
      tier4: 2, // joined 500 days ago and nothing since; the machine open does not count
      stoppedClicking: 1, // opened 20 days ago, last click 150 days ago
      stoppedBuying: 2, // last purchases 100 and 200 days ago
      neverEngaged: 2, // tier 4 and the contact with only a machine open
      high: 2, // buyers at or above the 80th percentile (20,000 and 50,000)
      mid: 1, // from the median (10,000) up to the 80th percentile
      low: 6, // everyone else, non-buyers included
    });
    expect(s.tiers[0]).toMatchObject({ kind: 'tier', id: 'tier1', share: (1 / 9) * 100, expected: { low: 15, high: 25 }, sequence: null });
    expect(s.behaviours.find((b) => b.id === 'stoppedBuying')).toMatchObject({ expected: { low: 18, high: 25 } });
    expect(s.values[0]).toMatchObject({ id: 'high', expected: null });
  });

  it('machine opens never count: the roll-up leaves the contact without an open or activity', async () => {
    expect(await contact('machine')).toMatchObject({ lastOpenAt: null, lastActivityAt: null });
    expect((await contact('opener')).lastOpenAt).not.toBeNull();
  });

  it('list health, the tier segment rule and the contact profile agree with the segment counts', async () => {
    const ws = await getWorkspace(ctx);
    const s = await segments();
    const health = await getListHealth(ctx, ws);
    expect(Object.fromEntries(health.tiers.map((t) => [t.tier, t.count]))).toEqual(tierCounts(s));
    const now = new Date();
    const subscribed = (await db().select().from(contacts).where(eq(contacts.workspaceId, ctx.workspaceId))).filter((c) => c.status === 'subscribed');
    for (const tier of INACTIVITY_TIER_IDS) {
      expect(await countSegment(ctx, { match: 'all', rules: [{ kind: 'status', statuses: ['subscribed'] }, { kind: 'inactivityTier', tiers: [tier] }] }), tier).toBe(
        tierCounts(s)[tier],
      );
      expect(subscribed.filter((c) => definedInactivity(c, ws.inactivitySignals, now).tier === tier).length, `profile ${tier}`).toBe(tierCounts(s)[tier]);
    }
  });

  it('dropping opens from the definition moves contacts who only opened into their tier, everywhere', async () => {
    await updateInactivitySettings({ ctx, input: { inactivityDays: 90, signals: [...NO_OPENS] } });
    try {
      const s = await segments();
      // opener (human open today) and tier1 (open 45 days ago) fall back on joining, 500 days ago;
      // the fading clicker and the lapsed buyer on their click (150) and purchase (200).
      expect(tierCounts(s)).toEqual({ tier1: 0, tier2: 1, tier3: 3, tier4: 4 });
      const ws = await getWorkspace(ctx);
      expect(definedInactivity(await contact('opener'), ws.inactivitySignals, new Date())).toMatchObject({ tier: 'tier4', daysInactive: 500 });
      const health = await getListHealth(ctx, ws);
      expect(health.tiers.find((t) => t.tier === 'tier4')!.count).toBe(4);
      expect(await countSegment(ctx, { match: 'all', rules: [{ kind: 'status', statuses: ['subscribed'] }, { kind: 'inactivityTier', tiers: ['tier4'] }] })).toBe(4);
    } finally {
      await updateInactivitySettings({ ctx, input: { inactivityDays: 90, signals: [...DEFAULT] } });
    }
    expect(tierCounts(await segments())).toEqual({ tier1: 1, tier2: 1, tier3: 1, tier4: 2 });
  });

  it('the days of the definition move the behaviour segments', async () => {
    await updateInactivitySettings({ ctx, input: { inactivityDays: 180, signals: [...DEFAULT] } });
    try {
      // Only the purchase 200 days ago is older than 180 days; nobody's last click is.
      expect(counts(await segments())).toMatchObject({ stoppedBuying: 1, stoppedClicking: 0, neverEngaged: 2 });
    } finally {
      await updateInactivitySettings({ ctx, input: { inactivityDays: 90, signals: [...DEFAULT] } });
    }
  });

  it('a draft sequence is not a sequence targeting the segment (only an active one is)', async () => {
    await createSequence({ ctx, input: { name: 'Win back tier 4', audience: { type: 'tier', tiers: ['tier4'] }, siteUrl: 'https://shop.example' } });
    expect((await segments()).tiers.find((t) => t.id === 'tier4')!.sequence).toBeNull();
  });

  it('another workspace sees only its own contacts, and its buyers do not move our value thresholds', async () => {
    const theirs = await workspaceWith('Drifting elsewhere');
    await importPeople(theirs, [
      { email: 'tier1@drift.test', joined: 500, open: 45, ltv: 9_000_000 },
      { email: 'someone@else.test', joined: 500, purchase: 400, ltv: 9_000_000 },
    ]);
    const s = await segments(theirs);
    expect(s.subscribed).toBe(2);
    expect(tierCounts(s)).toEqual({ tier1: 1, tier2: 0, tier3: 0, tier4: 1 });
    expect(counts(await segments())).toMatchObject({ tier1: 1, tier4: 2, high: 2, mid: 1, low: 6 });
    await expect(getDriftingSegments(theirs, await getWorkspace(ctx))).rejects.toThrow();
  });
});
