import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConversion, type ConversionInput } from '@/lib/conversions/record';
import { DEVICE_TYPES, TRAFFIC_SOURCES } from '@/lib/db/schema';
import { getCampaignReport } from '@/lib/reports/campaign';
import { getConversionReport, getDashboardConversions, type Amount } from '@/lib/reports/conversions';
import { installProcessDb, lastEventId, makeCampaign, rollupThrough, startTrackingServer, type MadeCampaign } from './support/campaigns';
import { clickIdThrough, DESKTOP_UA, IPHONE_UA, makeGoal, openThrough } from './support/conversions';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser, type MadeUser } from './support/factories';

/**
 * The conversion reports against a ledger the test keeps itself: every conversion is recorded
 * through recordConversion (campaign ones with the click id of a real click through the tracking
 * server), the roll-up folds them into campaign_stats, and every figure is recounted from the ledger.
 *
 * Site visits (the denominator of the site conversion rate) come from the snippet collector
 * (POST /c/collect), which is not in this branch: visitor counts are 0 here and every visitor-based
 * rate must be "no data" (null); the formula itself is covered by lib/metrics/conversions.test.ts.
 */
const db = setupTestDb();
const DAY = 86_400_000;

let base: string;
let close: () => Promise<void>;
let restoreDb: () => void;
let a: MadeUser;
let b: MadeUser;
let c1: MadeCampaign;
let c2: MadeCampaign;
let cb: MadeCampaign;
const clicks = new Map<string, string>();

interface Entry {
  workspaceId: string;
  goal: string;
  value: Amount | null;
  source: (typeof TRAFFIC_SOURCES)[number];
  device: (typeof DEVICE_TYPES)[number];
  campaignId: string | null;
  sendId: number | null;
  at: Date;
}
const ledger: Entry[] = [];
let now: Date;

async function record(input: ConversionInput, expected: Omit<Entry, 'workspaceId' | 'at'> | 'duplicate') {
  const result = await recordConversion(db(), input);
  if (expected === 'duplicate') {
    expect(result.status).toBe('duplicate');
    return;
  }
  expect(result.status).toBe('recorded');
  ledger.push({ ...expected, workspaceId: input.workspaceId, at: input.occurredAt ?? new Date() });
}

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  ({ url: base, close } = await startTrackingServer());
  a = await makeUser(db(), { workspaceName: 'Conversions A' });
  b = await makeUser(db(), { workspaceName: 'Conversions B' });
  for (const ws of [a, b]) {
    await makeGoal(db(), ws.workspace.id, { key: 'purchase', name: 'Purchase', kind: 'macro', defaultValueCents: 4995, currency: 'EUR' });
    await makeGoal(db(), ws.workspace.id, { key: 'sign-up', name: 'Sign-up', kind: 'micro' });
  }
  await makeGoal(db(), a.workspace.id, { key: 'trial', name: 'Trial', kind: 'macro' });
  c1 = await makeCampaign(db(), a.workspace.id, { sends: 6, name: 'Spring sale' });
  c2 = await makeCampaign(db(), a.workspace.id, { sends: 4, name: 'Newsletter' });
  cb = await makeCampaign(db(), b.workspace.id, { sends: 2, name: 'Other tenant' });

  // Real opens and clicks through the tracking server.
  for (const s of c1.sends.slice(0, 5)) await openThrough(base, s.id);
  for (const [i, s] of c1.sends.slice(0, 4).entries()) clicks.set(`c1-${i}`, await clickIdThrough(base, s.id, c1.links[0].id));
  clicks.set('c1-0-again', await clickIdThrough(base, c1.sends[0].id, c1.links[1].id));
  for (const [i, s] of c2.sends.slice(0, 2).entries()) clicks.set(`c2-${i}`, await clickIdThrough(base, s.id, c2.links[0].id));
  clicks.set('b-0', await clickIdThrough(base, cb.sends[0].id, cb.links[0].id));

  const A = a.workspace.id;
  const B = b.workspace.id;
  const email = (c: MadeCampaign, i: number) => ({ campaignId: c.id, sendId: c.sends[i].id, source: 'email' as const });
  const none = { campaignId: null, sendId: null };
  // Attributed through click ids.
  await record({ workspaceId: A, goalKey: 'purchase', via: 'api', orderId: 'o1', clickId: clicks.get('c1-0'), userAgent: DESKTOP_UA }, { goal: 'purchase', value: { currency: 'EUR', cents: 4995 }, device: 'desktop', ...email(c1, 0) });
  await record({ workspaceId: A, goalKey: 'purchase', via: 'api', orderId: 'o1', clickId: clicks.get('c1-0'), userAgent: DESKTOP_UA }, 'duplicate');
  await record({ workspaceId: A, goalKey: 'sign-up', via: 'snippet', clickId: clicks.get('c1-0-again'), userAgent: DESKTOP_UA }, { goal: 'sign-up', value: null, device: 'desktop', ...email(c1, 0) });
  await record(
    { workspaceId: A, goalKey: 'purchase', via: 'snippet', orderId: 'o2', valueCents: 1000, currency: 'EUR', clickId: clicks.get('c1-1'), userAgent: IPHONE_UA },
    { goal: 'purchase', value: { currency: 'EUR', cents: 1000 }, device: 'mobile', ...email(c1, 1) },
  );
  await record(
    { workspaceId: A, goalKey: 'purchase', via: 'api', orderId: 'o3', valueCents: 2000, currency: 'USD', clickId: clicks.get('c2-0'), userAgent: DESKTOP_UA },
    { goal: 'purchase', value: { currency: 'USD', cents: 2000 }, device: 'desktop', ...email(c2, 0) },
  );
  await record({ workspaceId: A, goalKey: 'purchase', via: 'api', orderId: 'o3', valueCents: 2000, currency: 'USD', clickId: clicks.get('c2-0') }, 'duplicate');
  // Not attributed: sources from referrer and utm.
  await record({ workspaceId: A, goalKey: 'sign-up', via: 'snippet', referrer: 'https://chatgpt.com/', userAgent: IPHONE_UA, pageHost: 'shop.example' }, { goal: 'sign-up', value: null, source: 'ai', device: 'mobile', ...none });
  await record(
    { workspaceId: A, goalKey: 'purchase', via: 'snippet', orderId: 'o4', valueCents: 500, referrer: 'https://www.google.com/search?q=x', userAgent: DESKTOP_UA, pageHost: 'shop.example' },
    { goal: 'purchase', value: { currency: 'EUR', cents: 500 }, source: 'search', device: 'desktop', ...none },
  );
  await record({ workspaceId: A, goalKey: 'sign-up', via: 'snippet', utmSource: 'facebook', utmMedium: 'social', userAgent: DESKTOP_UA }, { goal: 'sign-up', value: null, source: 'social', device: 'desktop', ...none });
  await record({ workspaceId: A, goalKey: 'sign-up', via: 'api' }, { goal: 'sign-up', value: null, source: 'direct', device: 'other', ...none });
  // In the previous 7-day period (and so in the dashboard's last 30 days).
  await record(
    { workspaceId: A, goalKey: 'purchase', via: 'api', orderId: 'o5', valueCents: 700, userAgent: DESKTOP_UA, occurredAt: new Date(Date.now() - 10 * DAY) },
    { goal: 'purchase', value: { currency: 'EUR', cents: 700 }, source: 'direct', device: 'desktop', ...none },
  );
  // Another tenant: its own attributed purchase, and one carrying A's click id (never A's).
  await record({ workspaceId: B, goalKey: 'purchase', via: 'api', orderId: 'o1', clickId: clicks.get('b-0'), userAgent: DESKTOP_UA }, { goal: 'purchase', value: { currency: 'EUR', cents: 4995 }, device: 'desktop', ...email(cb, 0) });
  await record({ workspaceId: B, goalKey: 'sign-up', via: 'api', clickId: clicks.get('c1-2'), userAgent: DESKTOP_UA }, { goal: 'sign-up', value: null, source: 'direct', device: 'desktop', ...none });

  await rollupThrough(db(), await lastEventId(db()));
  now = new Date();
});

afterAll(async () => {
  await close?.();
  restoreDb?.();
});

// ---- the independent count ------------------------------------------------------------------
const sumAmounts = (entries: Entry[]): Amount[] => {
  const m = new Map<string, number>();
  for (const e of entries) if (e.value) m.set(e.value.currency, (m.get(e.value.currency) ?? 0) + e.value.cents);
  return [...m].map(([currency, cents]) => ({ currency, cents })).sort((x, y) => x.currency.localeCompare(y.currency));
};
const sorted = (v: Amount[]) => [...v].sort((x, y) => x.currency.localeCompare(y.currency));
const within = (e: Entry, from: Date, to: Date) => e.at >= from && e.at < to;
const unique = (entries: Entry[]) => new Set(entries.map((e) => e.sendId)).size;

describe('conversion report', () => {
  it('totals, goals, sources and devices of the last 7 days equal the ledger; the previous period is compared', async () => {
    const ctx = await ctxFor(db(), a.user.id, a.workspace.id);
    const report = await getConversionReport(ctx, { days: 7, now });
    const mine = ledger.filter((e) => e.workspaceId === a.workspace.id);
    const current = mine.filter((e) => within(e, report.current.from, report.current.to));
    const previous = mine.filter((e) => within(e, report.previous.from, report.previous.to));
    expect(current).toHaveLength(8);
    expect(previous).toHaveLength(1);

    expect(report.goalsDefined).toBe(3);
    expect(report.everRecorded).toBe(1);
    expect(report.totals.conversions).toBe(current.length);
    expect(sorted(report.totals.value)).toEqual(sumAmounts(current));
    expect(report.previousTotals.conversions).toBe(previous.length);
    expect(sorted(report.previousTotals.value)).toEqual(sumAmounts(previous));
    expect(report.change.conversions).toBeCloseTo(((current.length - previous.length) / previous.length) * 100, 6);
    // No snippet page views in this branch: no visitors, so every visitor-based rate is "no data".
    expect(report.totals.visitors).toBe(0);
    expect(report.totals.rate).toBeNull();
    expect(report.change.rate).toBeNull();
    expect(report.siteBenchmark).toEqual({ kind: 'ecommerce', range: { low: 2, high: 4 }, verdict: null });

    expect(report.byGoal.map((g) => [g.key, g.kind, g.conversions, sorted(g.value), g.rate])).toEqual([
      ['purchase', 'macro', current.filter((e) => e.goal === 'purchase').length, sumAmounts(current.filter((e) => e.goal === 'purchase')), null],
      ['trial', 'macro', 0, [], null],
      ['sign-up', 'micro', current.filter((e) => e.goal === 'sign-up').length, [], null],
    ]);

    expect(report.bySource.map((s) => s.key)).toEqual([...TRAFFIC_SOURCES]);
    for (const s of report.bySource) {
      const of = current.filter((e) => e.source === s.key);
      expect([s.key, s.conversions, sorted(s.value), s.visitors, s.rate]).toEqual([s.key, of.length, sumAmounts(of), 0, null]);
    }
    expect(report.bySource.find((s) => s.key === 'ai')?.conversions).toBe(1);
    for (const d of report.byDevice) {
      const of = current.filter((e) => e.device === d.key);
      expect([d.key, d.conversions, sorted(d.value)]).toEqual([d.key, of.length, sumAmounts(of)]);
    }
    expect([7, 8]).toContain(report.trend.length);
    expect(report.trend.reduce((s, p) => s + p.conversions, 0)).toBe(current.length);
    expect(report.trend.every((p) => p.rate === null)).toBe(true);
    expect(report.smartlinks).toEqual([]);
  });

  it('per campaign: unique converters ÷ delivered and ÷ human clickers, revenue per currency', async () => {
    const ctx = await ctxFor(db(), a.user.id, a.workspace.id);
    const report = await getConversionReport(ctx, { days: 7, now });
    const current = ledger.filter((e) => e.workspaceId === a.workspace.id && within(e, report.current.from, report.current.to));
    const expected = [
      { c: c1, delivered: 6, clickers: 4 },
      { c: c2, delivered: 4, clickers: 2 },
    ].map(({ c, delivered, clickers }) => {
      const of = current.filter((e) => e.campaignId === c.id);
      const converters = unique(of);
      return { campaignId: c.id, conversions: of.length, converters, delivered, clickers, ofDelivered: (converters / delivered) * 100, ofClickers: (converters / clickers) * 100, revenue: sumAmounts(of) };
    });
    expect(expected.map((e) => [e.conversions, e.converters])).toEqual([[3, 2], [1, 1]]);
    const rows = report.byCampaign.map((r) => ({
      campaignId: r.campaignId,
      conversions: r.conversions,
      converters: r.converters,
      delivered: r.delivered,
      clickers: r.clickers,
      ofDelivered: r.ofDelivered,
      ofClickers: r.ofClickers,
      revenue: sorted(r.revenue),
    }));
    expect(rows).toEqual(expected);
    expect(report.byCampaign.every((r) => r.smallSample)).toBe(true);
    expect(report.emailBenchmark.kind).toBe('email');
    expect(report.emailBenchmark.range).toEqual({ low: 2, high: 5 });
    expect(report.emailBenchmark.verdict).toBe('above');
  });

  it("the campaign report's funnel: delivered → opened → clicked → converted, conversions and revenue after the roll-up", async () => {
    const ctx = await ctxFor(db(), a.user.id, a.workspace.id);
    const report = await getCampaignReport(ctx, c1.id);
    const of = ledger.filter((e) => e.campaignId === c1.id);
    expect(report.counts.delivered).toBe(6);
    expect(report.counts.uniqueOpens.human).toBe(5);
    expect(report.counts.uniqueClicks.human).toBe(4);
    expect(report.conversion.converters).toBe(unique(of));
    expect(report.conversion.conversions).toBe(of.length);
    // The roll-up's figures (campaign_stats) agree with the attributed conversions.
    expect(report.counts.conversions).toBe(of.length);
    expect(report.counts.revenueCents).toBe(of.reduce((s, e) => s + (e.value?.cents ?? 0), 0));
    expect(report.conversion.revenue).toEqual([{ currency: 'EUR', cents: 5995 }]);
    expect(report.conversion.ofDelivered).toBeCloseTo((2 / 6) * 100, 9);
    expect(report.conversion.ofClickers).toBe(50);
    expect(report.conversion.benchmark).toEqual({ low: 2, high: 5 });

    const other = await getCampaignReport(ctx, c2.id);
    expect(other.conversion.revenue).toEqual([{ currency: 'USD', cents: 2000 }]);
    expect(other.counts.revenueCents).toBe(2000);
  });

  it('a campaign without conversions shows zero converters and no revenue, and a rate of 0 % (not no data) when delivered', async () => {
    const fresh = await makeCampaign(db(), a.workspace.id, { sends: 3 });
    const ctx = await ctxFor(db(), a.user.id, a.workspace.id);
    const report = await getCampaignReport(ctx, fresh.id);
    expect(report.conversion).toMatchObject({ converters: 0, conversions: 0, revenue: [], ofDelivered: 0, ofClickers: null });
  });

  it('the dashboard card: the last 30 days, the change against the 30 before and the top source', async () => {
    const ctx = await ctxFor(db(), a.user.id, a.workspace.id);
    const card = await getDashboardConversions(ctx, { now });
    const mine = ledger.filter((e) => e.workspaceId === a.workspace.id && e.at.getTime() > now.getTime() - 30 * DAY);
    expect(card.goalsDefined).toBe(3);
    expect(card.totals.conversions).toBe(mine.length);
    expect(sorted(card.totals.value)).toEqual(sumAmounts(mine));
    expect(card.previousTotals.conversions).toBe(0);
    expect(card.change.conversions).toBeNull();
    const bySource = new Map<string, number>();
    for (const e of mine) bySource.set(e.source, (bySource.get(e.source) ?? 0) + 1);
    const top = [...bySource].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0];
    expect(card.topSource).toEqual({ key: top[0], conversions: top[1] });
    expect(card.topSource?.key).toBe('email');
  });

  it("another workspace's conversions never appear, and its click ids never attribute here", async () => {
    const ctxB = await ctxFor(db(), b.user.id, b.workspace.id);
    const report = await getConversionReport(ctxB, { days: 7, now });
    const theirs = ledger.filter((e) => e.workspaceId === b.workspace.id);
    expect(report.totals.conversions).toBe(theirs.length);
    expect(report.byCampaign.map((r) => r.campaignId)).toEqual([cb.id]);
    expect(report.byGoal.map((g) => g.key).sort()).toEqual(['purchase', 'sign-up']);
    expect(report.bySource.find((s) => s.key === 'direct')?.conversions).toBe(1);
    // A's report has no trace of B.
    const ctxA = await ctxFor(db(), a.user.id, a.workspace.id);
    const mine = await getConversionReport(ctxA, { days: 90, now });
    expect(mine.byCampaign.map((r) => r.campaignId)).not.toContain(cb.id);
    expect(mine.totals.conversions).toBe(ledger.filter((e) => e.workspaceId === a.workspace.id).length);
    // A's campaign report counts none of B's conversions, even the one carrying A's click id.
    expect((await getCampaignReport(ctxA, c1.id)).conversion.conversions).toBe(ledger.filter((e) => e.campaignId === c1.id).length);
  });

  it('a viewer can read the report and the card', async () => {
    const viewer = await addMember(db(), a.workspace.id, 'viewer');
    const ctx = await ctxFor(db(), viewer.id, a.workspace.id);
    const report = await getConversionReport(ctx, { days: 30, now });
    expect(report.totals.conversions).toBe(ledger.filter((e) => e.workspaceId === a.workspace.id).length);
    expect((await getDashboardConversions(ctx, { now })).totals.conversions).toBe(report.totals.conversions);
  });
});
