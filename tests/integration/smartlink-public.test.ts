import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLICK_ID_PARAM, verifyClickId } from '@/lib/conversions/click-id';
import { CLICK_KINDS } from '@/lib/db/schema/conversions/constants';
import { smartlinkReport } from '@/lib/reports/smartlink';
import { saveSmartlinkPage, setSmartlinkPublished, type SmartlinkWithItems } from '@/lib/smartlinks/manage';
import { recordSmartlinkHits } from '@/lib/smartlinks/store';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { deleteWorkspace } from '@/lib/workspaces/delete';
import { installProcessDb, startTrackingServer } from './support/campaigns';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';
import { button, makeSmartlinkPage, pageHits } from './support/smartlinks';

const db = setupTestDb();
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const tag = randomUUID().slice(0, 8);

let base: string;
let close: () => Promise<void>;
let restoreDb: () => void;
let ctx: WorkspaceCtx;
let mine: SmartlinkWithItems;
let other: SmartlinkWithItems;
let draft: SmartlinkWithItems;

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  ({ url: base, close } = await startTrackingServer());
  const a = await makeUser(db(), { workspaceName: 'Links A' });
  const b = await makeUser(db(), { workspaceName: 'Links B' });
  ctx = await ctxFor(db(), a.user.id, a.workspace.id);
  const ctxB = await ctxFor(db(), b.user.id, b.workspace.id);
  mine = await makeSmartlinkPage(ctx, {
    slug: `mine-${tag}`,
    title: 'Studio <Noor> & co',
    items: [
      button('Shop', 'https://shop.example/?ref=bio'),
      button('Blog', 'http://blog.example/post#top'),
      { kind: 'image', label: 'New collection', url: 'https://shop.example/new', imageUrl: 'https://img.example/new.jpg' },
      { kind: 'video', label: 'Watch', url: 'https://video.example/v', imageUrl: null },
    ],
  });
  other = await makeSmartlinkPage(ctxB, { slug: `other-${tag}`, items: [button('Evil', 'https://evil.example/phish')] });
  draft = await makeSmartlinkPage(ctx, { slug: `draft-${tag}`, items: [button('Draft', 'https://draft.example/')], publish: false });
});

afterAll(async () => {
  await close?.();
  restoreDb?.();
});

const get = (path: string, init: RequestInit = {}) =>
  fetch(base + path, { redirect: 'manual', ...init, headers: { 'user-agent': CHROME, ...(init.headers as Record<string, string>) } });

const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0];

describe('the public page', () => {
  it('renders a self-contained, uncacheable page in the workspace language with a visit recorded', async () => {
    const res = await get(`/l/mine-${tag}`, { headers: { referer: 'https://www.instagram.com/', 'user-agent': IPHONE } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<title>Studio &lt;Noor&gt; &amp; co</title>');
    expect(html).toContain('og:title');
    expect(html).not.toContain('<script');
    for (const item of mine.items) expect(html).toContain(`href="/l/mine-${tag}/go/${item.id}"`);
    expect(html).toContain('alt="New collection"');
    expect(html).not.toContain('shop.example'); // targets are only reached through the tracked redirect
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^pulse_sl=[A-Za-z0-9_-]{22}; Path=\/l\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);
    const visits = await pageHits(db(), mine.page.id, 'visit');
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ workspaceId: ctx.workspaceId, machine: false, source: 'social', device: 'mobile', referrerHost: 'instagram.com', itemId: null });
    // a keyed hash, never the raw cookie value
    expect(visits[0].visitor).toMatch(/^f:[A-Za-z0-9_-]{22}$/);
    expect(visits[0].visitor).not.toContain(cookie.split(';')[0].split('=')[1]);
  });

  it('unknown, unpublished and malformed slugs are a 404 page and record nothing', async () => {
    for (const path of [`/l/draft-${tag}`, '/l/no-such-page-xyz', '/l/UPPER', '/l/-bad', `/l/${'a'.repeat(60)}`, '/l/%00%0d%0a', `/l/${'x'.repeat(5000)}`, '/l/', '/l/a/b/c/d/e']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).toContain('<html lang=');
    }
    expect(await pageHits(db(), draft.page.id)).toHaveLength(0);
  });

  it('refuses other methods with 405 and records nothing', async () => {
    const before = (await pageHits(db(), mine.page.id)).length;
    const res = await get(`/l/mine-${tag}`, { method: 'POST', body: 'x=1' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect(await pageHits(db(), mine.page.id)).toHaveLength(before);
  });
});

describe('the tracked redirect', () => {
  it("302s to the item's own stored URL with a verifiable click id naming the click row", async () => {
    const res = await get(`/l/mine-${tag}/go/${mine.items[1].id}?url=https://evil.example/`);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe('http://blog.example/post');
    expect(location.hash).toBe('#top');
    const ref = verifyClickId(location.searchParams.get(CLICK_ID_PARAM));
    const clicks = await pageHits(db(), mine.page.id, 'click');
    expect(ref).toEqual({ kind: CLICK_KINDS.smartlink, id: clicks.at(-1)!.id });
    expect(clicks.at(-1)).toMatchObject({ itemId: mine.items[1].id, machine: false, workspaceId: ctx.workspaceId });
  });

  it("another page's item, an archived item, an unpublished page and forged ids are 404 with nothing recorded", async () => {
    // archive the video through the builder: its history stays, its redirect stops
    const video = mine.items[3];
    const kept = mine.items.slice(0, 3).map((i) => ({ id: i.id, kind: i.kind, label: i.label, url: i.url, imageUrl: i.imageUrl }));
    await saveSmartlinkPage({ ctx, input: { pageId: mine.page.id, title: mine.page.title, bio: null, avatarUrl: null, theme: mine.page.theme, items: kept } });
    const before = (await pageHits(db(), mine.page.id)).length;
    const otherBefore = (await pageHits(db(), other.page.id)).length;
    const paths = [
      `/l/mine-${tag}/go/${other.items[0].id}`,
      `/l/other-${tag}/go/${mine.items[0].id}`,
      `/l/mine-${tag}/go/${video.id}`,
      `/l/draft-${tag}/go/${draft.items[0].id}`,
      `/l/mine-${tag}/go/0`,
      `/l/mine-${tag}/go/-1`,
      `/l/mine-${tag}/go/1e3`,
      `/l/mine-${tag}/go/99999999999999999999`,
      `/l/mine-${tag}/go/abc`,
      `/l/mine-${tag}/go/`,
      `/l/mine-${tag}/go/${mine.items[0].id}/x`,
    ];
    for (const path of paths) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('location'), path).toBeNull();
      expect(await res.text()).not.toContain('evil.example');
    }
    expect(await pageHits(db(), mine.page.id)).toHaveLength(before);
    expect(await pageHits(db(), other.page.id)).toHaveLength(otherBefore);
    // unpublishing stops the page and every redirect
    await setSmartlinkPublished({ ctx, input: { pageId: mine.page.id, publish: false } });
    expect((await get(`/l/mine-${tag}/go/${mine.items[0].id}`)).status).toBe(404);
    expect((await get(`/l/mine-${tag}`)).status).toBe(404);
    await setSmartlinkPublished({ ctx, input: { pageId: mine.page.id, publish: true } });
    expect(await pageHits(db(), mine.page.id)).toHaveLength(before);
  });
});

describe('machines, visitors and CTR', () => {
  it('flags bots, link previews, prefetches and HEAD requests and leaves them out by default', async () => {
    const page = await makeSmartlinkPage(ctx, { slug: `bots-${tag}`, items: [button('One', 'https://one.example/')] });
    const hits: Array<[RequestInit, string]> = [
      [{ headers: { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' } }, 'bot'],
      [{ headers: { 'user-agent': 'facebookexternalhit/1.1' } }, 'preview'],
      [{ headers: { 'sec-purpose': 'prefetch' } }, 'prefetch'],
      [{ method: 'HEAD' }, 'head'],
    ];
    for (const [init] of hits) expect((await get(`/l/bots-${tag}`, init)).status).toBe(200);
    const prefetchClick = await get(`/l/bots-${tag}/go/${page.items[0].id}`, { headers: { purpose: 'prefetch' } });
    expect(prefetchClick.status).toBe(302);
    const rows = await pageHits(db(), page.page.id);
    expect(rows.map((r) => [r.type, r.machine, r.machineReason])).toEqual([...hits.map(([, reason]) => ['visit', true, reason]), ['click', true, 'prefetch']]);

    const tz = 'Europe/Amsterdam';
    const human = await smartlinkReport(ctx, page.page.id, 30, false, tz);
    expect([human.current.visits, human.current.clicks, human.current.ctr, human.machineHits]).toEqual([0, 0, null, 5]);
    const all = await smartlinkReport(ctx, page.page.id, 30, true, tz);
    expect([all.current.visits, all.current.clicks]).toEqual([4, 1]);
  });

  it('counts unique visitors by the cookie, and two clicks by one visitor as a CTR of 200 %', async () => {
    const page = await makeSmartlinkPage(ctx, { slug: `ctr-${tag}`, items: [button('One', 'https://one.example/'), button('Two', 'https://two.example/')] });
    const first = await get(`/l/ctr-${tag}`);
    const cookie = cookieOf(first);
    expect(cookie).toMatch(/^pulse_sl=/);
    // the same browser again (cookie sent): no new cookie; two clicks
    const again = await get(`/l/ctr-${tag}`, { headers: { cookie } });
    expect(again.headers.get('set-cookie')).toBeNull();
    for (const item of page.items) expect((await get(`/l/ctr-${tag}/go/${item.id}`, { headers: { cookie } })).status).toBe(302);
    const visits = await pageHits(db(), page.page.id, 'visit');
    const clicks = await pageHits(db(), page.page.id, 'click');
    expect(visits[1].visitor).toMatch(/^c:/);
    expect(clicks.map((c) => c.visitor)).toEqual([visits[1].visitor, visits[1].visitor]);

    let report = await smartlinkReport(ctx, page.page.id, 7, false, 'UTC');
    expect([report.current.visits, report.current.uniqueVisitors, report.current.clicks, report.current.ctr]).toEqual([2, 2, 2, 100]);

    // a second cookie-carrying browser: one visit, two clicks
    const ctr = await makeSmartlinkPage(ctx, { slug: `ctr2-${tag}`, items: [button('One', 'https://one.example/'), button('Two', 'https://two.example/')] });
    const other = 'pulse_sl=AAAAAAAAAAAAAAAAAAAAAA';
    await get(`/l/ctr2-${tag}`, { headers: { cookie: other } });
    for (const item of ctr.items) await get(`/l/ctr2-${tag}/go/${item.id}`, { headers: { cookie: other } });
    report = await smartlinkReport(ctx, ctr.page.id, 7, false, 'UTC');
    expect([report.current.visits, report.current.uniqueVisitors, report.current.buttonClicks, report.current.ctr]).toEqual([1, 1, 2, 200]);
    expect(report.items.map((i) => i.ctr)).toEqual([100, 100]);
    expect(report.trend.at(-1)).toMatchObject({ visits: 1, [`i${ctr.items[0].id}`]: 1, [`i${ctr.items[1].id}`]: 1 });
  });

  it('compares this period with the previous one of the same length (hits recorded at known times)', async () => {
    const page = await makeSmartlinkPage(ctx, { slug: `periods-${tag}`, items: [button('One', 'https://one.example/')] });
    const day = 86_400_000;
    const now = Date.now();
    const meta = { visitor: 'c:x', machineReason: null, source: 'direct', device: 'desktop', referrerHost: null };
    const at = (ago: number) => new Date(now - ago);
    const n = await recordSmartlinkHits(db(), [
      { ...meta, pageId: page.page.id, type: 'visit', at: at(2 * day) },
      { ...meta, pageId: page.page.id, type: 'click', itemId: page.items[0].id, at: at(2 * day) },
      { ...meta, pageId: page.page.id, type: 'visit', at: at(9 * day) },
      { ...meta, pageId: page.page.id, type: 'visit', at: at(10 * day) },
      // a foreign item is never recorded
      { ...meta, pageId: page.page.id, type: 'click', itemId: other.items[0].id, at: at(day) },
    ]);
    expect(n).toBe(4);
    const report = await smartlinkReport(ctx, page.page.id, 7, false, 'UTC', new Date(now + 1000));
    expect([report.current.visits, report.previous.visits, report.current.ctr, report.previous.ctr]).toEqual([1, 2, 100, 0]);
    expect(report.deltas.visits).toEqual({ change: -1, relative: -50 });
    // 7 × 24 hours ending now touch 8 calendar days (the first and the last in part)
    expect(report.trend).toHaveLength(8);
  });
});

describe('garbage', () => {
  it('never throws: odd headers, huge cookies and referrers answer normally', async () => {
    const res = await get(`/l/ctr-${tag}`, { headers: { cookie: `pulse_sl=${'z'.repeat(7000)}`, referer: `https://${'a'.repeat(3000)}.example/`, 'accept-language': '!!!' } });
    expect(res.status).toBe(200);
    const flood = await Promise.all(Array.from({ length: 30 }, (_, i) => get(`/l/zz${i}-${'q'.repeat(i)}`).then((r) => r.status)));
    expect(new Set(flood)).toEqual(new Set([404]));
  });
});

describe('deleting the workspace', () => {
  it('takes its hits along, though the hit table has no foreign key', async () => {
    const owner = await makeUser(db(), { workspaceName: 'Links gone' });
    const gone = await ctxFor(db(), owner.user.id, owner.workspace.id);
    const page = await makeSmartlinkPage(gone, { slug: `gone-${tag}`, items: [button('Shop', 'https://shop.example/')] });
    expect((await get(`/l/gone-${tag}`)).status).toBe(200);
    expect((await get(`/l/gone-${tag}/go/${page.items[0].id}`)).status).toBe(302);
    expect(await pageHits(db(), page.page.id)).toHaveLength(2);
    await deleteWorkspace({ ctx: gone, input: { confirmName: 'Links gone' } });
    expect(await pageHits(db(), page.page.id)).toHaveLength(0);
    // Another workspace's page keeps its own.
    expect((await pageHits(db(), mine.page.id)).length).toBeGreaterThan(0);
  });
});
