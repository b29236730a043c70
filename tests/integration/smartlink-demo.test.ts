import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SMARTLINK_BUSY_CLICKERS_DAY, seedDemoSmartlinks } from '@/lib/demo/smartlinks';
import { smartlinkReport } from '@/lib/reports/smartlink';
import { listSmartlinkPages } from '@/lib/smartlinks/manage';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { installProcessDb, startTrackingServer } from './support/campaigns';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';

const db = setupTestDb();
let ctx: WorkspaceCtx;
let base: string;
let close: () => Promise<void>;
let restoreDb: () => void;

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  ({ url: base, close } = await startTrackingServer());
  const a = await makeUser(db(), { workspaceName: 'Demo links' });
  ctx = await ctxFor(db(), a.user.id, a.workspace.id);
});

afterAll(async () => {
  await close?.();
  restoreDb?.();
});

describe('the demo SmartLink page', () => {
  it('is published with its items and weeks of visits and clicks, machine hits flagged, and a day above 100 % CTR', async () => {
    const now = new Date();
    const { hits } = await seedDemoSmartlinks(ctx, { now });
    expect(hits).toBeGreaterThan(500);
    const [page] = await listSmartlinkPages(ctx);
    expect(page).toMatchObject({ status: 'published', items: 5 });
    const res = await fetch(`${base}/l/${page.slug}`, { headers: { 'user-agent': 'Mozilla/5.0 (iPhone) Mobile Safari' } });
    expect(res.status).toBe(200);
    expect((await res.text()).match(/\/go\/\d+"/g)).toHaveLength(5);

    const human = await smartlinkReport(ctx, page.id, 30, false, 'UTC');
    const all = await smartlinkReport(ctx, page.id, 30, true, 'UTC');
    expect(human.current.visits).toBeGreaterThan(300);
    expect(human.current.uniqueVisitors).toBeLessThan(human.current.visits);
    expect(human.current.buttonClicks).toBeGreaterThan(0);
    expect(human.current.imageClicks).toBeGreaterThan(0);
    expect(human.current.videoClicks).toBeGreaterThan(0);
    expect(human.machineHits).toBeGreaterThan(0);
    expect(all.current.visits).toBeGreaterThan(human.current.visits);
    // the busy-clickers day: 3 visits, 6 clicks
    const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - DEMO_SMARTLINK_BUSY_CLICKERS_DAY * 86_400_000).toISOString().slice(0, 10);
    const row = human.trend.find((r) => r.day === day)!;
    const clicks = Object.entries(row).filter(([k]) => k.startsWith('i')).reduce((n, [, v]) => n + Number(v), 0);
    expect(row.visits).toBeGreaterThan(0);
    expect([row.visits, clicks]).toEqual([3, 6]);
  });
});
