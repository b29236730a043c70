import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { User } from '@/lib/db/schema';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { installProcessDb, makeCampaign, type MadeCampaign } from './support/campaigns';
import { makeContact } from './support/contacts';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser } from './support/factories';

// The signed-in user of each request; the rest of the guard (membership, role) runs for real.
const session = vi.hoisted(() => ({ user: null as User | null }));
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => session.user, requireUser: async () => session.user }));

const { GET: exportGet } = await import('@/app/api/contacts/export/route');
const { POST: importPost } = await import('@/app/api/contacts/import/route');
const { GET: recipientsGet } = await import('@/app/api/campaigns/[id]/recipients/route');
const { POST: webhookPost } = await import('@/app/api/v1/webhooks/esp/[workspaceId]/route');
const { getWebhookSecret, rotateWebhookSecret } = await import('@/lib/webhooks/secret');

const db = setupTestDb();
let restoreDb: () => void;
let owner: User;
let viewer: User;
let stranger: User;
let wsA: string;
let ownerCtx: WorkspaceCtx;
let memberCtx: WorkspaceCtx;
let foreignCampaign: MadeCampaign;
let ownCampaign: MadeCampaign;

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  const a = await makeUser(db(), { workspaceName: 'Guard A' });
  const b = await makeUser(db(), { workspaceName: 'Guard B' });
  owner = a.user;
  stranger = b.user;
  wsA = a.workspace.id;
  viewer = await addMember(db(), wsA, 'viewer');
  const member = await addMember(db(), wsA, 'member');
  ownerCtx = await ctxFor(db(), owner.id, wsA);
  memberCtx = await ctxFor(db(), member.id, wsA);
  await makeContact(db(), wsA, { email: 'anna@example.nl', firstName: 'Anna' });
  ownCampaign = await makeCampaign(db(), wsA, { sends: 1 });
  foreignCampaign = await makeCampaign(db(), b.workspace.id, { sends: 1 });
});
afterAll(() => restoreDb?.());
afterEach(() => {
  session.user = null;
  vi.useRealTimers();
});

const none = { params: Promise.resolve({}) };
const url = (path: string, query: Record<string, string> = {}) => `http://pulse.test${path}?${new URLSearchParams({ workspaceId: wsA, ...query })}`;
const importRequest = (headers: Record<string, string> = {}, query: Record<string, string> = {}) =>
  new Request(url('/api/contacts/import', { fileName: 'a.csv', mapping: JSON.stringify({ email: 'email' }), ...query }), {
    method: 'POST',
    headers: { 'content-type': 'text/csv', host: 'pulse.test', ...headers },
    body: 'email\nnew@example.nl\n',
  });

async function errorOf(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  expect(res.headers.get('cache-control')).toBe('no-store');
  const body = await res.json();
  // The one error shape: `{ error: { code, messageKey, params? , requestId?, issues? } }` and nothing else.
  expect(Object.keys(body)).toEqual(['error']);
  expect(Object.keys(body.error).every((k) => ['code', 'messageKey', 'params', 'requestId', 'issues'].includes(k))).toBe(true);
  return { status: res.status, code: body.error.code as string, messageKey: body.error.messageKey as string };
}

describe('withWorkspaceRoute on the session routes', () => {
  it('no session → 401; a non-member → 404; a role too low → 403; one error shape on every route', async () => {
    const calls = () => [
      exportGet(new Request(url('/api/contacts/export')), none),
      recipientsGet(new Request(url(`/api/campaigns/${ownCampaign.id}/recipients`)), { params: Promise.resolve({ id: ownCampaign.id }) }),
      importPost(importRequest(), none),
    ];
    session.user = null;
    for (const res of await Promise.all(calls())) expect(await errorOf(res)).toEqual({ status: 401, code: 'UNAUTHORIZED', messageKey: 'unauthorized' });
    session.user = stranger;
    for (const res of await Promise.all(calls())) expect(await errorOf(res)).toEqual({ status: 404, code: 'NOT_FOUND', messageKey: 'workspaceNotFound' });
    session.user = viewer;
    const [exp, rec, imp] = await Promise.all(calls());
    expect(exp.status).toBe(200);
    expect(await exp.text()).toContain('anna@example.nl');
    expect(rec.status).toBe(200);
    expect(await errorOf(imp)).toEqual({ status: 403, code: 'FORBIDDEN', messageKey: 'readOnly' });
  });

  it('a child of another workspace is 404 through the same guard', async () => {
    session.user = owner;
    const res = await recipientsGet(new Request(url(`/api/campaigns/${foreignCampaign.id}/recipients`)), { params: Promise.resolve({ id: foreignCampaign.id }) });
    expect(await errorOf(res)).toEqual({ status: 404, code: 'NOT_FOUND', messageKey: 'campaignNotFound' });
    const bad = await recipientsGet(new Request(url(`/api/campaigns/${ownCampaign.id}/recipients`, { filter: 'everything' })), { params: Promise.resolve({ id: ownCampaign.id }) });
    expect(await errorOf(bad)).toEqual({ status: 400, code: 'VALIDATION', messageKey: 'validation' });
  });

  it('writes: a cross-site Origin is refused before anything runs; content type and size are checked', async () => {
    session.user = owner;
    expect(await errorOf(await importPost(importRequest({ origin: 'https://evil.test' }), none))).toEqual({ status: 403, code: 'FORBIDDEN', messageKey: 'forbidden' });
    expect(await errorOf(await importPost(importRequest({ 'content-type': 'application/json' }), none))).toMatchObject({ status: 415, messageKey: 'unsupportedUpload' });
    expect(await errorOf(await importPost(importRequest({ 'content-length': String(1024 ** 3) }), none))).toMatchObject({ status: 413, messageKey: 'uploadTooLarge' });
    const ok = await importPost(importRequest({ origin: 'http://pulse.test' }), none);
    expect(ok.status).toBe(200);
    expect((await ok.json()).import).toMatchObject({ status: 'completed', insertedRows: 1 });
  });
});

describe('webhook secret rotation', () => {
  const post = (secret: string, query = '') =>
    webhookPost(
      new Request(`http://pulse.test/api/v1/webhooks/esp/${wsA}${query}`, {
        method: 'POST',
        headers: query ? { 'content-type': 'application/json' } : { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
        body: query.includes('sendgrid') ? '[]' : '{"events":[]}',
      }),
      { params: Promise.resolve({ workspaceId: wsA }) },
    );

  it('a random secret per workspace, not derived from anything an ex-admin could recompute', async () => {
    const { secret } = await getWebhookSecret(ownerCtx);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await post(secret)).status).toBe(200);
    expect(await errorOf(await post(`${secret}x`))).toEqual({ status: 401, code: 'UNAUTHORIZED', messageKey: 'webhookSecret' });
  });

  it('the old secret works within the grace period and not after it; the new one works at once', async () => {
    const { secret: old } = await getWebhookSecret(ownerCtx);
    const { previousValidUntil } = await rotateWebhookSecret({ ctx: ownerCtx });
    const { secret: fresh, previousValidUntil: shown } = await getWebhookSecret(ownerCtx);
    expect(fresh).not.toBe(old);
    expect(shown?.toISOString()).toBe(previousValidUntil.toISOString());
    expect(previousValidUntil.getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect((await post(old)).status).toBe(200);
    expect((await post(fresh)).status).toBe(200);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(previousValidUntil.getTime() + 1000);
    expect((await post(old)).status).toBe(401);
    expect((await post(fresh)).status).toBe(200);
    expect((await getWebhookSecret(ownerCtx)).previousValidUntil).toBeNull();
  });

  it('the query-string form only for SendGrid', async () => {
    const { secret } = await getWebhookSecret(ownerCtx);
    expect((await post(secret, `?provider=sendgrid&secret=${secret}`)).status).toBe(200);
    expect((await post(secret, `?secret=${secret}`)).status).toBe(401);
    expect((await post(secret, `?provider=postmark&secret=${secret}`)).status).toBe(401);
  });

  it('a member can neither see nor rotate it', async () => {
    const before = await getWebhookSecret(ownerCtx);
    await expectAppError(getWebhookSecret(memberCtx), 'FORBIDDEN', 'adminOnly');
    await expectAppError(rotateWebhookSecret({ ctx: memberCtx }), 'FORBIDDEN', 'adminOnly');
    expect((await getWebhookSecret(ownerCtx)).secret).toBe(before.secret);
  });
});
