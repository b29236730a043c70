import { beforeAll, describe, expect, it } from 'vitest';
import { getListHealth } from '@/lib/contacts/health';
import { defaultBenchmarks } from '@/lib/metrics/benchmarks';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { daysAgo, makeContact } from './support/contacts';
import { setupTestDb } from './support/db';
import { ctxFor, makeUser } from './support/factories';

const db = setupTestDb();
let ctx: WorkspaceCtx;
let other: WorkspaceCtx;
const benchmarks = { ...defaultBenchmarks('ecommerce'), inactivityDays: 90 };

beforeAll(async () => {
  const a = await makeUser(db());
  ctx = await ctxFor(db(), a.user.id, a.workspace.id);
  const b = await makeUser(db());
  other = await ctxFor(db(), b.user.id, b.workspace.id);
  const w = ctx.workspaceId;
  // active (10 days), tier1 (45), tier2 (100), tier3 (200), tier4 (400), plus noise that must not count
  await makeContact(db(), w, { joinedAt: daysAgo(500), lastOpenAt: daysAgo(10) });
  await makeContact(db(), w, { joinedAt: daysAgo(500), lastClickAt: daysAgo(45, 1) });
  await makeContact(db(), w, { joinedAt: daysAgo(500), lastOpenAt: daysAgo(100, 1) });
  await makeContact(db(), w, { joinedAt: daysAgo(500), lastPurchaseAt: daysAgo(200, 1) });
  await makeContact(db(), w, { joinedAt: daysAgo(400, 1) });
  await makeContact(db(), w, { joinedAt: daysAgo(500), lastOpenAt: daysAgo(200), status: 'unsubscribed' });
  await makeContact(db(), other.workspaceId, { joinedAt: daysAgo(200) });
});

describe('list health', () => {
  it('counts tiers and 12-month decay over subscribed contacts of this workspace only', async () => {
    const h = await getListHealth(ctx, { benchmarks });
    expect(h.subscribed).toBe(5);
    expect(Object.fromEntries(h.tiers.map((t) => [t.tier, t.count]))).toEqual({ tier1: 1, tier2: 1, tier3: 1, tier4: 1 });
    expect(h.tiers[0].share).toBe(20);
    // Crossed 90 days of silence within the last year: last engagement 100 and 200 days ago (400 crossed 310 days ago too).
    expect(h.becameInactive12m).toBe(3);
    expect(h.decay12m).toBe(60);
    expect(h.monthly).toHaveLength(12);
    expect(h.monthly.reduce((s, m) => s + m.becameInactive, 0)).toBe(3);
  });

  it('an empty workspace is "no data", not 0 %', async () => {
    const empty = await makeUser(db());
    const h = await getListHealth(await ctxFor(db(), empty.user.id, empty.workspace.id), { benchmarks });
    expect(h.subscribed).toBe(0);
    expect(h.decay12m).toBeNull();
    expect(h.tiers.every((t) => t.share === null)).toBe(true);
  });
});
