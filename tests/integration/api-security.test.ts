import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, auditLog, contacts, rateLimits, surveyResponses } from '@/lib/db/schema';
import { createWorkspaceApiKey, revokeApiKey } from '@/lib/api/manage';
import { API_MAX_BODY_BYTES } from '@/lib/api/route';
import { recordAnswer } from '@/lib/surveys/answer';
import { expectAppError } from './support/assertions';
import { callApi, makeApiKey } from './support/api';
import { installProcessDb } from './support/campaigns';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser, type MadeUser } from './support/factories';
import { makeSurvey } from './support/surveys';

const db = setupTestDb();
let restoreDb: () => void;
let a: MadeUser;
let b: MadeUser;
let writeA: string;
let readA: string;
let writeB: string;
let contactA: string;
let contactB: string;
let responseB: number;

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  a = await makeUser(db(), { workspaceName: 'API A' });
  b = await makeUser(db(), { workspaceName: 'API B' });
  writeA = (await makeApiKey(db(), a.user.id, a.workspace.id, 'write')).key;
  readA = (await makeApiKey(db(), a.user.id, a.workspace.id, 'read')).key;
  writeB = (await makeApiKey(db(), b.user.id, b.workspace.id, 'write')).key;
  const ca = await callApi('POST', '/api/v1/contacts', { key: writeA, body: { email: 'anna@example.nl', tags: ['vip'] } });
  const cb = await callApi('POST', '/api/v1/contacts', { key: writeB, body: { email: 'bob@example.nl', tags: ['vip'] } });
  expect([ca.status, cb.status]).toEqual([201, 201]);
  contactA = (ca.body as { data: { id: string } }).data.id;
  contactB = (cb.body as { data: { id: string } }).data.id;
  const survey = await makeSurvey(db(), b.workspace.id);
  responseB = (await recordAnswer(db(), { survey, channel: 'personal', score: 3, contactId: contactB, sendId: 1 })).responseId;
});
afterAll(() => restoreDb?.());
afterEach(() => {
  delete process.env.PULSE_API_RATE_LIMIT;
});

const contactRow = async (id: string) => (await db().select().from(contacts).where(eq(contacts.id, id)))[0];

describe('who may call', () => {
  it('answers a missing, malformed, forged or revoked key with the same 401 and WWW-Authenticate', async () => {
    const { key: doomed, id: doomedId } = await makeApiKey(db(), a.user.id, a.workspace.id, 'read', 'doomed');
    expect((await callApi('GET', '/api/v1/contacts', { key: doomed })).status).toBe(200);
    await revokeApiKey({ ctx: await ctxFor(db(), a.user.id, a.workspace.id), input: { keyId: doomedId } });

    const forged = `pk_${'A'.repeat(40)}`;
    const tries = [
      await callApi('GET', '/api/v1/contacts'),
      await callApi('GET', '/api/v1/contacts', { authorization: 'Basic dXNlcjpwYXNz' }),
      await callApi('GET', '/api/v1/contacts', { authorization: 'Bearer not-a-key' }),
      await callApi('GET', '/api/v1/contacts', { key: forged }),
      await callApi('GET', '/api/v1/contacts', { key: writeA.slice(0, -1) + (writeA.endsWith('A') ? 'B' : 'A') }),
      await callApi('GET', '/api/v1/contacts', { key: doomed }),
    ];
    for (const r of tries) {
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer');
      expect(r.body).toEqual({ error: { code: 'UNAUTHORIZED', messageKey: 'apiKeyInvalid' } });
    }
  });

  it('a read key on a write endpoint is 403 and writes nothing', async () => {
    const before = await contactRow(contactA);
    const attempts = [
      await callApi('POST', '/api/v1/contacts', { key: readA, body: { email: 'new-by-read@example.nl' } }),
      await callApi('POST', `/api/v1/contacts/${contactA}/tags`, { key: readA, body: { tags: ['hacked'] } }),
      await callApi('DELETE', `/api/v1/contacts/${contactA}/tags/vip`, { key: readA }),
      await callApi('POST', '/api/v1/events', { key: readA, body: { type: 'reply', contactId: contactA } }),
    ];
    for (const r of attempts) expect(r).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN', messageKey: 'apiKeyScope' } } });
    expect(await contactRow(contactA)).toEqual(before);
    const created = await db().select().from(contacts).where(and(eq(contacts.workspaceId, a.workspace.id), eq(contacts.email, 'new-by-read@example.nl')));
    expect(created).toHaveLength(0);
  });

  it('stamps last_used_at on use', async () => {
    const { key, id } = await makeApiKey(db(), a.user.id, a.workspace.id, 'read', 'stamp');
    const [fresh] = await db().select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(fresh.lastUsedAt).toBeNull();
    expect((await callApi('GET', '/api/v1/tags', { key })).status).toBe(200);
    const [used] = await db().select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(used.lastUsedAt).toBeInstanceOf(Date);
  });

  it('only owners and admins create keys; the plain key is stored nowhere, only its hash', async () => {
    const member = await addMember(db(), a.workspace.id, 'member');
    await expectAppError(createWorkspaceApiKey({ ctx: await ctxFor(db(), member.id, a.workspace.id), input: { name: 'nope', scope: 'read' } }), 'FORBIDDEN', 'adminOnly');
    const admin = await addMember(db(), a.workspace.id, 'admin');
    const made = await createWorkspaceApiKey({ ctx: await ctxFor(db(), admin.id, a.workspace.id), input: { name: 'by admin', scope: 'write' } });
    const [row] = await db().select().from(apiKeys).where(eq(apiKeys.id, made.id));
    expect(row).toMatchObject({ createdById: admin.id, scope: 'write', prefix: made.key.slice(0, 11) });
    expect(JSON.stringify(row)).not.toContain(made.key);
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.target, made.id), eq(auditLog.action, 'apiKey.created')));
    expect(audit.actorUserId).toBe(admin.id);
    expect(JSON.stringify(audit.data)).not.toContain(made.key);
  });

  it('revoking writes an audit row, is only for owners and admins, and cannot be repeated', async () => {
    const { id } = await makeApiKey(db(), a.user.id, a.workspace.id, 'read', 'audited');
    const member = await addMember(db(), a.workspace.id, 'member');
    await expectAppError(revokeApiKey({ ctx: await ctxFor(db(), member.id, a.workspace.id), input: { keyId: id } }), 'FORBIDDEN', 'adminOnly');
    // Another workspace's owner cannot revoke it either: not found in their workspace.
    await expectAppError(revokeApiKey({ ctx: await ctxFor(db(), b.user.id, b.workspace.id), input: { keyId: id } }), 'NOT_FOUND', 'apiKeyNotFound');
    await revokeApiKey({ ctx: await ctxFor(db(), a.user.id, a.workspace.id), input: { keyId: id } });
    await expectAppError(revokeApiKey({ ctx: await ctxFor(db(), a.user.id, a.workspace.id), input: { keyId: id } }), 'NOT_FOUND', 'apiKeyNotFound');
    const rows = await db().select().from(auditLog).where(eq(auditLog.target, id));
    expect(rows.map((r) => r.action).sort()).toEqual(['apiKey.created', 'apiKey.revoked']);
  });
});

describe('tenant isolation', () => {
  it("another workspace's key never sees this workspace's contacts, tags or responses", async () => {
    const list = await callApi('GET', '/api/v1/contacts?limit=100', { key: writeB });
    const ids = (list.body as { data: { id: string }[] }).data.map((c) => c.id);
    expect(ids).toContain(contactB);
    expect(ids).not.toContain(contactA);
    expect((await callApi('GET', `/api/v1/contacts/${contactA}`, { key: writeB })).status).toBe(404);
    expect((await callApi('GET', `/api/v1/events?contactId=${contactA}`, { key: writeB })).status).toBe(404);
    const byEmail = await callApi('GET', '/api/v1/contacts?email=anna@example.nl', { key: writeB });
    expect((byEmail.body as { data: unknown[] }).data).toEqual([]);
    const responses = await callApi('GET', '/api/v1/survey-responses', { key: readA });
    expect((responses.body as { data: { id: string }[] }).data.map((r) => r.id)).not.toContain(String(responseB));
    const own = await callApi('GET', '/api/v1/survey-responses', { key: writeB });
    expect((own.body as { data: { id: string }[] }).data.map((r) => r.id)).toContain(String(responseB));
    expect(await db().select().from(surveyResponses).where(eq(surveyResponses.id, responseB))).toHaveLength(1);
  });

  it("another workspace's key cannot change this workspace's contacts (404, nothing written)", async () => {
    const before = await contactRow(contactA);
    expect((await callApi('POST', `/api/v1/contacts/${contactA}/tags`, { key: writeB, body: { tags: ['x'] } })).status).toBe(404);
    expect((await callApi('DELETE', `/api/v1/contacts/${contactA}/tags/vip`, { key: writeB })).status).toBe(404);
    expect((await callApi('POST', '/api/v1/events', { key: writeB, body: { type: 'reply', contactId: contactA } })).status).toBe(404);
    // Upserting the same address with B's key makes B's own contact, never touches A's.
    const up = await callApi('POST', '/api/v1/contacts', { key: writeB, body: { email: 'anna@example.nl', firstName: 'Mallory' } });
    expect(up.status).toBe(201);
    expect((up.body as { data: { id: string } }).data.id).not.toBe(contactA);
    expect(await contactRow(contactA)).toEqual(before);
  });
});

describe('bad input', () => {
  it('answers garbage, invalid and huge bodies and bad cursors with 400/413 in the one error shape', async () => {
    const notJson = await callApi('POST', '/api/v1/contacts', { key: writeA, raw: '{"email": ' });
    expect(notJson).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION', messageKey: 'apiBodyNotJson' } } });
    const invalid = await callApi('POST', '/api/v1/contacts', { key: writeA, body: { email: 'nope', extra: 1 } });
    expect(invalid).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION', messageKey: 'apiInvalidBody' } } });
    expect((invalid.body as { error: { issues: { path: string[] }[] } }).error.issues.map((i) => i.path[0] ?? '')).toEqual(expect.arrayContaining(['email']));
    const huge = await callApi('POST', '/api/v1/contacts', { key: writeA, raw: JSON.stringify({ email: 'big@example.nl', firstName: 'x'.repeat(API_MAX_BODY_BYTES) }) });
    expect(huge).toMatchObject({ status: 413, body: { error: { messageKey: 'apiBodyTooLarge' } } });
    for (const cursor of ['garbage', Buffer.from('["2026-01-01", "x"]').toString('base64url'), Buffer.from('[1,2]').toString('base64url')]) {
      for (const p of ['/api/v1/contacts', '/api/v1/conversions', '/api/v1/survey-responses', `/api/v1/events?contactId=${contactA}&x=1`]) {
        const r = await callApi('GET', `${p}${p.includes('?') ? '&' : '?'}cursor=${cursor}`, { key: readA });
        expect(r, `${p} ${cursor}`).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION' } } });
      }
    }
    const badLimit = await callApi('GET', '/api/v1/contacts?limit=1000', { key: readA });
    expect(badLimit).toMatchObject({ status: 400, body: { error: { messageKey: 'apiInvalidQuery' } } });
    expect(await db().select().from(contacts).where(eq(contacts.email, 'big@example.nl'))).toHaveLength(0);
  });

  it('never re-subscribes an unsubscribed contact through an upsert', async () => {
    const out = await callApi('POST', '/api/v1/contacts', { key: writeA, body: { email: 'gone@example.nl', status: 'unsubscribed' } });
    expect(out.status).toBe(201);
    const again = await callApi('POST', '/api/v1/contacts', { key: writeA, body: { email: 'gone@example.nl', status: 'subscribed', firstName: 'Gone' } });
    expect(again).toMatchObject({ status: 200, body: { created: false, data: { status: 'unsubscribed', firstName: 'Gone' } } });
  });
});

describe('rate limit', () => {
  it('is shared per key in the database: over it, 429 with Retry-After; other keys are unaffected', async () => {
    process.env.PULSE_API_RATE_LIMIT = '3';
    const { key, id } = await makeApiKey(db(), a.user.id, a.workspace.id, 'read', 'limited');
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 5; i += 1) {
      last = await callApi('GET', '/api/v1/tags', { key });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(last!.body).toEqual({ error: { code: 'RATE_LIMITED', messageKey: 'apiRateLimited' } });
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(last!.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // The count lives in the database (rate_limits), not in this process, so every app instance shares it.
    const [bucket] = await db().select().from(rateLimits).where(eq(rateLimits.key, `api:${id}`));
    expect(bucket.hits).toBe(5);
    const other = await makeApiKey(db(), a.user.id, a.workspace.id, 'read', 'unaffected');
    const ok = await callApi('GET', '/api/v1/tags', { key: other.key });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ratelimit-limit')).toBe('3');
    expect(ok.headers.get('x-ratelimit-remaining')).toBe('2');
  });
});
