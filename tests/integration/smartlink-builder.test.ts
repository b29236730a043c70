import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, smartlinkItems, smartlinkPages } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { smartlinkReport } from '@/lib/reports/smartlink';
import {
  createSmartlinkPage,
  deleteSmartlinkPage,
  getSmartlinkPage,
  listSmartlinkPages,
  saveSmartlinkPage,
  setSmartlinkPublished,
  setSmartlinkSlug,
  smartlinkSlugAvailable,
} from '@/lib/smartlinks/manage';
import { smartlinkSaveInput, smartlinkSlugInput } from '@/lib/smartlinks/validation';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { installProcessDb, startTrackingServer } from './support/campaigns';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser } from './support/factories';
import { button, makeSmartlinkPage, pageHits } from './support/smartlinks';

const db = setupTestDb();
const tag = randomUUID().slice(0, 8);
const theme = { preset: 'dark' as const, accent: '#ff0066', buttonStyle: 'pill' as const };

let base: string;
let close: () => Promise<void>;
let restoreDb: () => void;
let owner: WorkspaceCtx;
let viewer: WorkspaceCtx;
let stranger: WorkspaceCtx;

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  ({ url: base, close } = await startTrackingServer());
  const a = await makeUser(db(), { workspaceName: 'Builder A' });
  const b = await makeUser(db(), { workspaceName: 'Builder B' });
  owner = await ctxFor(db(), a.user.id, a.workspace.id);
  const v = await addMember(db(), a.workspace.id, 'viewer');
  viewer = await ctxFor(db(), v.id, a.workspace.id);
  stranger = await ctxFor(db(), b.user.id, b.workspace.id);
});

afterAll(async () => {
  await close?.();
  restoreDb?.();
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof AppError) return `${e.code}:${e.messageKey}`;
    throw e;
  }
}

const content = (items: Array<Record<string, unknown>>) => ({ title: 'Links', bio: '', avatarUrl: '', theme, items });

describe('building a page', () => {
  it('creates a draft, saves items in order, archives removed ones and keeps their ids', async () => {
    const page = await createSmartlinkPage({ ctx: owner, input: { title: 'Café Zoë!' } });
    expect(page.status).toBe('draft');
    expect(page.slug).toMatch(/^cafe-zoe-[a-f0-9]{6}$/);
    const first = await saveSmartlinkPage({
      ctx: owner,
      input: smartlinkSaveInput.parse({ workspaceId: owner.workspaceId, pageId: page.id, ...content([button('A', 'https://a.example'), button('B', 'https://b.example'), button('C', 'https://c.example')]) }),
    });
    expect(first.items.map((i) => [i.label, i.position])).toEqual([['A', 0], ['B', 1], ['C', 2]]);
    expect(first.page.theme).toEqual(theme);
    const [a, b, c] = first.items;
    // reorder C, A; drop B; add D
    const second = await saveSmartlinkPage({
      ctx: owner,
      input: { pageId: page.id, ...content([]), bio: null, avatarUrl: null, items: [c, a, button('D', 'https://d.example/')].map((i) => ({ id: 'id' in i ? i.id : null, kind: i.kind, label: i.label, url: i.url, imageUrl: null })) },
    });
    expect(second.items.map((i) => i.label)).toEqual(['C', 'A', 'D']);
    expect(second.items.slice(0, 2).map((i) => i.id)).toEqual([c.id, a.id]);
    const [archived] = await db().select().from(smartlinkItems).where(eq(smartlinkItems.id, b.id));
    expect(archived.archivedAt).not.toBeNull();
    expect((await listSmartlinkPages(owner)).find((r) => r.id === page.id)?.items).toBe(3);
    const audit = await db().select().from(auditLog).where(eq(auditLog.target, page.id));
    expect(audit.map((r) => r.action).sort()).toEqual(['smartlink.created', 'smartlink.updated', 'smartlink.updated']);
  });

  it("refuses an item id of another page, and a restored archived item", async () => {
    const p1 = await makeSmartlinkPage(owner, { slug: `one-${tag}`, items: [button('X', 'https://x.example/')] });
    const p2 = await makeSmartlinkPage(owner, { slug: `two-${tag}`, items: [button('Y', 'https://y.example/')] });
    const foreign = { id: p2.items[0].id, kind: 'button' as const, label: 'Y', url: 'https://y.example/', imageUrl: null };
    expect(await code(saveSmartlinkPage({ ctx: owner, input: { pageId: p1.page.id, ...content([foreign]), bio: null, avatarUrl: null } as never }))).toBe('VALIDATION:smartlinkItemUnknown');
    await saveSmartlinkPage({ ctx: owner, input: { pageId: p1.page.id, ...content([]), bio: null, avatarUrl: null } as never });
    const again = { id: p1.items[0].id, kind: 'button' as const, label: 'X', url: 'https://x.example/', imageUrl: null };
    expect(await code(saveSmartlinkPage({ ctx: owner, input: { pageId: p1.page.id, ...content([again]), bio: null, avatarUrl: null } as never }))).toBe('VALIDATION:smartlinkItemUnknown');
  });

  it('validates URLs: http(s) targets only, https images only, image items need an image', () => {
    const parse = (items: unknown[], extra: Record<string, unknown> = {}) =>
      smartlinkSaveInput.safeParse({ workspaceId: randomUUID(), pageId: randomUUID(), ...content(items as never), ...extra });
    expect(parse([button('ok', 'https://ok.example/')]).success).toBe(true);
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'ftp://x.example/', '//x.example', 'not a url', '']) {
      expect(parse([button('bad', url)]).success, url).toBe(false);
    }
    expect(parse([{ kind: 'image', label: 'img', url: 'https://a.example', imageUrl: 'http://img.example/a.jpg' }]).success).toBe(false);
    expect(parse([{ kind: 'image', label: 'img', url: 'https://a.example', imageUrl: '' }]).success).toBe(false);
    expect(parse([{ kind: 'video', label: 'vid', url: 'https://a.example', imageUrl: '' }]).success).toBe(true);
    expect(parse([], { avatarUrl: 'http://insecure.example/a.png' }).success).toBe(false);
    expect(parse([button('<b>x</b>', 'https://ok.example/')]).success).toBe(false);
    expect(parse(Array.from({ length: 31 }, () => button('x', 'https://x.example/'))).success).toBe(false);
    expect(parse([], { theme: { preset: 'neon', accent: null, buttonStyle: 'pill' } }).success).toBe(false);
    expect(parse([], { theme: { preset: 'light', accent: 'red', buttonStyle: 'pill' } }).success).toBe(false);
  });

  it('slugs are global: a taken slug is refused, a malformed one never reaches the database', async () => {
    const a = await makeSmartlinkPage(owner, { slug: `taken-${tag}`, items: [] });
    const b = await makeSmartlinkPage(stranger, { slug: `free-${tag}`, items: [] });
    expect(await smartlinkSlugAvailable(stranger, `taken-${tag}`, b.page.id)).toBe('taken');
    expect(await smartlinkSlugAvailable(owner, `taken-${tag}`, a.page.id)).toBe('available');
    expect(await smartlinkSlugAvailable(owner, 'Bad Slug!', a.page.id)).toBe('invalid');
    expect(await code(setSmartlinkSlug({ ctx: stranger, input: { pageId: b.page.id, slug: `taken-${tag}` } }))).toBe('CONFLICT:smartlinkSlugTaken');
    expect(smartlinkSlugInput.safeParse({ workspaceId: randomUUID(), pageId: randomUUID(), slug: '-x' }).success).toBe(false);
    expect(smartlinkSlugInput.parse({ workspaceId: randomUUID(), pageId: randomUUID(), slug: ' My-Page ' }).slug).toBe('my-page');
    await setSmartlinkSlug({ ctx: owner, input: { pageId: a.page.id, slug: `renamed-${tag}` } });
    expect((await fetch(`${base}/l/taken-${tag}`)).status).toBe(404);
    expect((await fetch(`${base}/l/renamed-${tag}`, { headers: { 'user-agent': 'Mozilla/5.0 Chrome/126' } })).status).toBe(200);
  });
});

describe('tenancy and roles', () => {
  it('another workspace can neither read nor change a page, nor its analytics', async () => {
    const p = await makeSmartlinkPage(owner, { slug: `private-${tag}`, items: [button('X', 'https://x.example/')] });
    const ref = { pageId: p.page.id };
    expect(await code(getSmartlinkPage(stranger, p.page.id))).toBe('NOT_FOUND:smartlinkNotFound');
    expect(await code(smartlinkReport(stranger, p.page.id, 30, false, 'UTC'))).toBe('NOT_FOUND:smartlinkNotFound');
    expect(await code(saveSmartlinkPage({ ctx: stranger, input: { ...ref, ...content([]), bio: null, avatarUrl: null } as never }))).toBe('NOT_FOUND:smartlinkNotFound');
    expect(await code(setSmartlinkPublished({ ctx: stranger, input: { ...ref, publish: false } }))).toBe('NOT_FOUND:smartlinkNotFound');
    expect(await code(setSmartlinkSlug({ ctx: stranger, input: { ...ref, slug: `stolen-${tag}` } }))).toBe('NOT_FOUND:smartlinkNotFound');
    expect(await code(deleteSmartlinkPage({ ctx: stranger, input: ref }))).toBe('NOT_FOUND:smartlinkNotFound');
    expect((await listSmartlinkPages(stranger)).some((r) => r.id === p.page.id)).toBe(false);
    const [row] = await db().select().from(smartlinkPages).where(eq(smartlinkPages.id, p.page.id));
    expect([row.status, row.slug]).toEqual(['published', `private-${tag}`]);
  });

  it('a viewer reads but cannot write', async () => {
    const p = await makeSmartlinkPage(owner, { slug: `viewed-${tag}`, items: [button('X', 'https://x.example/')] });
    expect((await getSmartlinkPage(viewer, p.page.id)).items).toHaveLength(1);
    expect((await smartlinkReport(viewer, p.page.id, 7, false, 'UTC')).current.visits).toBe(0);
    const ref = { pageId: p.page.id };
    expect(await code(createSmartlinkPage({ ctx: viewer, input: { title: 'No' } }))).toBe('FORBIDDEN:readOnly');
    expect(await code(saveSmartlinkPage({ ctx: viewer, input: { ...ref, ...content([]), bio: null, avatarUrl: null } as never }))).toBe('FORBIDDEN:readOnly');
    expect(await code(setSmartlinkPublished({ ctx: viewer, input: { ...ref, publish: false } }))).toBe('FORBIDDEN:readOnly');
    expect(await code(setSmartlinkSlug({ ctx: viewer, input: { ...ref, slug: `v-${tag}` } }))).toBe('FORBIDDEN:readOnly');
    expect(await code(deleteSmartlinkPage({ ctx: viewer, input: ref }))).toBe('FORBIDDEN:readOnly');
  });

  it('deleting a page removes it, its items and its hits; its address answers 404', async () => {
    const p = await makeSmartlinkPage(owner, { slug: `gone-${tag}`, items: [button('X', 'https://x.example/')] });
    expect((await fetch(`${base}/l/gone-${tag}`, { headers: { 'user-agent': 'Mozilla/5.0 Chrome/126' } })).status).toBe(200);
    expect(await pageHits(db(), p.page.id)).toHaveLength(1);
    await deleteSmartlinkPage({ ctx: owner, input: { pageId: p.page.id } });
    expect(await pageHits(db(), p.page.id)).toHaveLength(0);
    expect(await db().select().from(smartlinkItems).where(eq(smartlinkItems.pageId, p.page.id))).toHaveLength(0);
    expect((await fetch(`${base}/l/gone-${tag}`)).status).toBe(404);
  });
});
