import http from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLICK_ID_PARAM, verifyClickId } from '@/lib/conversions/click-id';
import type { Db } from '@/lib/db/client';
import { auditLog, campaignSends, contacts } from '@/lib/db/schema';
import { signToken } from '@/lib/tracking/token';
import { campaignEvents, installProcessDb, makeCampaign, sendEvents, startTrackingServer, type MadeCampaign } from './support/campaigns';
import { setupTestDb } from './support/db';
import { makeUser } from './support/factories';

const db = setupTestDb();
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

let base: string;
let close: () => Promise<void>;
let restoreDb: () => void;
let mine: MadeCampaign;
let other: MadeCampaign;

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  ({ url: base, close } = await startTrackingServer());
  const a = await makeUser(db(), { workspaceName: 'Tracking A' });
  const b = await makeUser(db(), { workspaceName: 'Tracking B' });
  mine = await makeCampaign(db(), a.workspace.id, { sends: 8 });
  other = await makeCampaign(db(), b.workspace.id, { urls: ['https://evil.example/phish'], sends: 1 });
});

afterAll(async () => {
  await close?.();
  restoreDb?.();
});

const get = (path: string, init: RequestInit = {}) =>
  fetch(base + path, { redirect: 'manual', ...init, headers: { 'user-agent': CHROME, ...(init.headers as Record<string, string>) } });

/** A POST whose body arrives in `chunks` chunks without a content-length; resolves to the status. */
function chunkedPost(path: string, chunks: number, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(base + path, { method: 'POST' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    for (let i = 0; i < chunks; i++) req.write('y'.repeat(size));
    req.end();
  });
}

/** Tampered, cut and nonsense versions of a valid token. */
function badTokens(valid: string): string[] {
  const [payload, mac] = valid.split('.');
  const flipped = mac[0] === 'A' ? `B${mac.slice(1)}` : `A${mac.slice(1)}`;
  return [`${payload}.${flipped}`, valid.slice(0, -3), payload, 'garbage', 'a.b', 'x'.repeat(5000), '%00%0d%0a', `${valid}.extra`];
}

describe('open pixel', () => {
  it('answers a 43-byte uncacheable GIF and records one human open', async () => {
    const send = mine.sends[0];
    const res = await get(`/t/o/${signToken('open', [send.id])}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect((await res.arrayBuffer()).byteLength).toBe(43);
    const opens = await sendEvents(db(), send.id, 'open');
    expect(opens).toHaveLength(1);
    expect(opens[0]).toMatchObject({ campaignId: mine.id, workspaceId: mine.workspaceId, contactId: send.contactId, machine: false });
  });

  it('flags Apple Mail Privacy Protection and opens right after sending as machine opens', async () => {
    const send = mine.sends[1];
    await get(`/t/o/${signToken('open', [send.id])}`, { headers: { 'user-agent': 'Mozilla/5.0' } });
    await db().update(campaignSends).set({ sentAt: new Date(Date.now() - 5_000) }).where(eq(campaignSends.id, send.id));
    await get(`/t/o/${signToken('open', [send.id])}`);
    await get(`/t/o/${signToken('open', [send.id])}`, { headers: { 'user-agent': 'Mozilla/5.0 (via ggpht.com GoogleImageProxy)' } });
    const opens = await sendEvents(db(), send.id, 'open');
    expect(opens.map((e) => [e.machine, e.meta])).toEqual([
      [true, { machine: 'apple-mpp' }],
      [true, { machine: 'early' }],
      [false, null],
    ]);
  });

  it('still answers the GIF for forged, truncated, garbage and wrong-purpose tokens, and records nothing', async () => {
    const before = (await campaignEvents(db(), mine.id)).length;
    const valid = signToken('open', [mine.sends[2].id]);
    for (const token of [...badTokens(valid), signToken('click', [mine.sends[2].id, mine.links[0].id]), signToken('open', [999_999_999])]) {
      const res = await get(`/t/o/${token}`);
      expect(res.status, token).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/gif');
      await res.arrayBuffer();
    }
    expect(await campaignEvents(db(), mine.id)).toHaveLength(before);
  });
});

describe('click', () => {
  it("302s to the campaign's own stored URL and records the click; query strings cannot steer it", async () => {
    const send = mine.sends[3];
    const link = mine.links[1];
    const res = await get(`/t/c/${signToken('click', [send.id, link.id])}?url=https://evil.example/`);
    expect(res.status).toBe(302);
    // The stored URL, plus the click id naming this very click (lib/conversions/click-id).
    const location = new URL(res.headers.get('location')!);
    const clickId = location.searchParams.get(CLICK_ID_PARAM);
    location.searchParams.delete(CLICK_ID_PARAM);
    expect(location.href).toBe(new URL(link.url).href);
    const clicks = await sendEvents(db(), send.id, 'click');
    expect(clicks).toHaveLength(1);
    expect(verifyClickId(clickId)).toEqual({ kind: 1, id: clicks[0].id });
    expect(clicks[0]).toMatchObject({ linkId: link.id, campaignId: mine.id, machine: false });
  });

  it('a token pairing this send with a link of ANOTHER campaign is 404 and records nothing', async () => {
    const send = mine.sends[4];
    const res = await get(`/t/c/${signToken('click', [send.id, other.links[0].id])}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).not.toContain('evil.example');
    expect(await sendEvents(db(), send.id)).toHaveLength(0);
    expect(await campaignEvents(db(), other.id)).toHaveLength(0);
  });

  it('forged, truncated, garbage, wrong-purpose and unknown-send tokens are 404 with no event', async () => {
    const before = (await campaignEvents(db(), mine.id)).length;
    const send = mine.sends[5];
    const valid = signToken('click', [send.id, mine.links[0].id]);
    const tokens = [...badTokens(valid), signToken('open', [send.id]), signToken('click', [999_999_999, mine.links[0].id]), signToken('click', [send.id, 999_999_999])];
    for (const token of tokens) {
      const res = await get(`/t/c/${token}`);
      expect(res.status, token).toBe(404);
      expect(res.headers.get('location')).toBeNull();
      await res.text();
    }
    expect(await campaignEvents(db(), mine.id)).toHaveLength(before);
  });

  it('HEAD, scanners and clicks within seconds of sending are recorded as machine clicks', async () => {
    const send = mine.sends[6];
    const token = signToken('click', [send.id, mine.links[0].id]);
    const head = await get(`/t/c/${token}`, { method: 'HEAD' });
    expect(head.status).toBe(302);
    await (await get(`/t/c/${token}`, { headers: { 'user-agent': 'Mimecast URL Protect' } })).text();
    await db().update(campaignSends).set({ sentAt: new Date(Date.now() - 2_000) }).where(eq(campaignSends.id, send.id));
    await (await get(`/t/c/${token}`)).text();
    const clicks = await sendEvents(db(), send.id, 'click');
    expect(clicks.map((e) => [e.machine, e.meta])).toEqual([
      [true, { machine: 'head' }],
      [true, { machine: 'scanner' }],
      [true, { machine: 'early' }],
    ]);
  });

  it('a flood of parallel clicks is answered and recorded one event per request', async () => {
    const send = mine.sends[7];
    const token = signToken('click', [send.id, mine.links[0].id]);
    const statuses = await Promise.all(Array.from({ length: 60 }, async () => (await get(`/t/c/${token}`)).status));
    expect(statuses.every((s) => s === 302)).toBe(true);
    expect(await sendEvents(db(), send.id, 'click')).toHaveLength(60);
  });
});

describe('unsubscribe', () => {
  let token: string;
  let send: MadeCampaign['sends'][number];
  beforeAll(() => {
    send = other.sends[0];
    token = signToken('unsubscribe', [send.id]);
  });
  const status = async () => (await db().select({ s: contacts.status }).from(contacts).where(eq(contacts.id, send.contactId)))[0].s;

  it('GET shows a confirmation form in the browser language and changes nothing', async () => {
    const res = await get(`/t/u/${token}`, { headers: { 'accept-language': 'nl-NL,nl;q=0.9,en;q=0.8' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('<html lang="nl">');
    expect(html).toMatch(/<form method="post">[\s\S]*<button type="submit">Afmelden<\/button>/);
    expect(html).not.toContain('<script');
    const en = await (await get(`/t/u/${token}`, { headers: { 'accept-language': 'en-GB' } })).text();
    expect(en).toContain('<button type="submit">Unsubscribe</button>');
    expect(await status()).toBe('subscribed');
    expect(await sendEvents(db(), send.id, 'unsubscribe')).toHaveLength(0);
  });

  it('RFC 8058 one-click POST unsubscribes once; replays answer 200 and add nothing', async () => {
    const post = () =>
      get(`/t/u/${token}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const first = await post();
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Tracking B');
    expect(await status()).toBe('unsubscribed');
    const replays = await Promise.all([post(), post(), post()]);
    expect(replays.map((r) => r.status)).toEqual([200, 200, 200]);
    await Promise.all(replays.map((r) => r.text()));
    expect(await sendEvents(db(), send.id, 'unsubscribe')).toHaveLength(1);
    const audit = await db().select().from(auditLog).where(eq(auditLog.target, send.contactId));
    expect(audit.map((a) => a.action)).toEqual(['contact.unsubscribed']);
    expect(await (await get(`/t/u/${token}`)).text()).not.toContain('<form');
  });

  it('refuses oversized bodies (413), other methods (405) and bad tokens (404) without a change', async () => {
    const send2 = mine.sends[0];
    const token2 = signToken('unsubscribe', [send2.id]);
    // The server may close before the client finished sending: a failed request is a refusal too.
    const big = await get(`/t/u/${token2}`, { method: 'POST', body: 'x'.repeat(10_000) }).catch(() => null);
    expect(big?.status ?? 413).toBe(413);
    expect(await chunkedPost(`/t/u/${token2}`, 6, 1024)).toBe(413);
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await get(`/t/u/${token2}`, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
    }
    expect((await get(`/t/c/${signToken('click', [send2.id, mine.links[0].id])}`, { method: 'POST', body: 'a' })).status).toBe(405);
    for (const bad of badTokens(token2)) expect((await get(`/t/u/${bad}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' })).status).toBe(404);
    expect((await get('/t/zz/whatever')).status).toBe(404);
    expect(await sendEvents(db(), send2.id, 'unsubscribe')).toHaveLength(0);
    const [c] = await db().select({ s: contacts.status }).from(contacts).where(eq(contacts.id, send2.contactId));
    expect(c.s).toBe('subscribed');
  });
});

describe('a database failure', () => {
  it('answers 503 (GIF for the pixel), logs, and never throws out of the handler', async () => {
    const broken = { $client: { query: () => Promise.reject(new Error('database is down')) } } as unknown as Db;
    const restore = installProcessDb(broken);
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const click = await get(`/t/c/${signToken('click', [mine.sends[0].id, mine.links[0].id])}`);
      expect(click.status).toBe(503);
      expect(await click.text()).toContain('Something went wrong');
      const open = await get(`/t/o/${signToken('open', [mine.sends[0].id])}`);
      expect(open.status).toBe(200);
      expect(open.headers.get('content-type')).toBe('image/gif');
      expect((await get(`/t/u/${signToken('unsubscribe', [mine.sends[0].id])}`, { method: 'POST', body: '' })).status).toBe(503);
      expect(log).toHaveBeenCalled();
    } finally {
      log.mockRestore();
      restore();
    }
  });
});
