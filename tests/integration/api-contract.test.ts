import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversionGoals } from '@/lib/db/schema';
import { recordAnswer } from '@/lib/surveys/answer';
import { signToken } from '@/lib/tracking/token';
import { callApi, makeApiKey, routeFiles, type ApiResult } from './support/api';
import { installProcessDb, makeCampaign, startTrackingServer } from './support/campaigns';
import { setupTestDb } from './support/db';
import { makeUser, type MadeUser } from './support/factories';
import { makeSurvey } from './support/surveys';

/**
 * Every endpoint of the public API, called for real, and every real answer (success and error)
 * checked against the OpenAPI document the app serves — for its own path, method and status.
 * Routes on disk and operations in the document must be the same set.
 */
const db = setupTestDb();
let restoreDb: () => void;
let owner: MadeUser;
let writeKey: string;
let readKey: string;
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components: { schemas: Record<string, object> };
};
let doc: Doc;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();
/** method path → statuses seen, to check every documented operation was exercised. */
const exercised = new Map<string, Set<number>>();

/** The bare routes that are not the key-authenticated public API (their own secret, their own docs). */
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const OUTSIDE_PUBLIC_API = new Set(['/api/v1/webhooks/esp/{workspaceId}']);

function expectDocumented(method: string, template: string, r: { status: number; body: unknown }) {
  const op = doc.paths[template]?.[method.toLowerCase()];
  expect(op, `${method} ${template} is not in the document`).toBeDefined();
  const response = op.responses[String(r.status)];
  expect(response, `${method} ${template} answered ${r.status}, which the document does not list`).toBeDefined();
  const schema = response.content?.['application/json']?.schema;
  expect(schema, `${method} ${template} ${r.status} has no JSON schema`).toBeDefined();
  const id = `${method} ${template} ${r.status}`;
  let validate = validators.get(id);
  if (!validate) {
    validate = ajv.compile({ ...schema, components: doc.components });
    validators.set(id, validate);
  }
  const ok = validate(r.body);
  expect(ok, `${id}: ${JSON.stringify(validate.errors)}\n${JSON.stringify(r.body).slice(0, 500)}`).toBe(true);
  const key = `${method} ${template}`;
  exercised.set(key, (exercised.get(key) ?? new Set()).add(r.status));
}

async function call(method: 'GET' | 'POST' | 'DELETE', path: string, opts: Parameters<typeof callApi>[2] = {}): Promise<ApiResult> {
  const r = await callApi(method, path, opts);
  expectDocumented(method, r.template, r);
  return r;
}

beforeAll(async () => {
  restoreDb = installProcessDb(db());
  owner = await makeUser(db(), { workspaceName: 'Contract' });
  writeKey = (await makeApiKey(db(), owner.user.id, owner.workspace.id, 'write')).key;
  readKey = (await makeApiKey(db(), owner.user.id, owner.workspace.id, 'read')).key;
  const served = await callApi('GET', '/api/v1/openapi.json');
  expect(served.status).toBe(200);
  expect(served.headers.get('cache-control')).toMatch(/public/);
  doc = served.body as Doc;
});
afterAll(() => {
  restoreDb?.();
  delete process.env.PULSE_API_RATE_LIMIT;
});

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with a bearer scheme, and lists exactly the routes that exist', async () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc).toMatchObject({ components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } });
    const onDisk = new Set<string>();
    for (const r of routeFiles()) {
      if (OUTSIDE_PUBLIC_API.has(r.template)) continue;
      const mod = (await import(/* @vite-ignore */ r.file)) as Record<string, unknown>;
      for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) if (typeof mod[m] === 'function') onDisk.add(`${m} ${r.template}`);
    }
    // Answered before Next.js (lib/http/bare-paths.ts), so it has no route.ts.
    onDisk.add('POST /api/v1/conversions');
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
    expect([...documented].sort()).toEqual([...onDisk].sort());
  });
});

describe('every endpoint against the document', () => {
  let contactId: string;

  it('contacts: upsert, list with cursor pages, get, errors', async () => {
    const created = await call('POST', '/api/v1/contacts', {
      key: writeKey,
      body: { email: 'Eva@Example.nl', firstName: 'Eva', tags: ['vip', 'Beta'], attributes: { plan: 'pro' } },
    });
    expect(created.status).toBe(201);
    contactId = (created.body as { data: { id: string } }).data.id;
    const updated = await call('POST', '/api/v1/contacts', { key: writeKey, body: { email: 'eva@example.nl', lastName: 'de Vries', tags: ['new'], attributes: { city: 'Utrecht' } } });
    expect(updated).toMatchObject({
      status: 200,
      body: { created: false, data: { id: contactId, firstName: 'Eva', lastName: 'de Vries', tags: ['vip', 'beta', 'new'], attributes: { plan: 'pro', city: 'Utrecht' } } },
    });
    for (let i = 0; i < 3; i += 1) await call('POST', '/api/v1/contacts', { key: writeKey, body: { email: `page-${i}@example.nl` } });
    expect((await call('POST', '/api/v1/contacts', { key: writeKey, body: { email: 'x' } })).status).toBe(400);
    expect((await call('POST', '/api/v1/contacts', { key: writeKey, raw: 'x'.repeat(70_000) })).status).toBe(413);
    expect((await call('POST', '/api/v1/contacts', { key: readKey, body: { email: 'r@example.nl' } })).status).toBe(403);
    expect((await call('POST', '/api/v1/contacts', {})).status).toBe(401);

    // Cursor pages, newest first, stable while rows are added between pages.
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ApiResult = await call('GET', `/api/v1/contacts?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { key: readKey });
      expect(page.status).toBe(200);
      const body = page.body as { data: { id: string }[]; nextCursor: string | null };
      seen.push(...body.data.map((c) => c.id));
      cursor = body.nextCursor;
      if (pages === 0) await call('POST', '/api/v1/contacts', { key: writeKey, body: { email: 'late@example.nl' } });
      pages += 1;
    } while (cursor);
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    expect(pages).toBe(2);

    const filtered = await call('GET', '/api/v1/contacts?email=EVA@example.nl&tag=vip&status=subscribed', { key: readKey });
    expect((filtered.body as { data: { id: string }[] }).data.map((c) => c.id)).toEqual([contactId]);
    const since = await call('GET', `/api/v1/contacts?updated_since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, { key: readKey });
    expect((since.body as { data: unknown[] }).data).toEqual([]);
    expect((await call('GET', '/api/v1/contacts?cursor=nope', { key: readKey })).status).toBe(400);
    expect((await call('GET', '/api/v1/contacts', { key: 'x' })).status).toBe(401);

    expect(await call('GET', `/api/v1/contacts/${contactId}`, { key: readKey })).toMatchObject({ status: 200, body: { data: { email: 'eva@example.nl' } } });
    expect((await call('GET', '/api/v1/contacts/00000000-0000-4000-8000-000000000000', { key: readKey })).status).toBe(404);
    expect((await call('GET', '/api/v1/contacts/not-a-uuid', { key: readKey })).status).toBe(404);
    expect((await call('GET', `/api/v1/contacts/${contactId}`, {})).status).toBe(401);
  });

  it('tags: add, remove, list with counts', async () => {
    const added = await call('POST', `/api/v1/contacts/${contactId}/tags`, { key: writeKey, body: { tags: ['Gold', 'vip'] } });
    expect(added).toMatchObject({ status: 200, body: { data: { tags: ['vip', 'beta', 'new', 'gold'] } } });
    expect((await call('POST', `/api/v1/contacts/${contactId}/tags`, { key: writeKey, body: { tags: [] } })).status).toBe(400);
    expect((await call('POST', `/api/v1/contacts/${contactId}/tags`, { key: readKey, body: { tags: ['a'] } })).status).toBe(403);
    expect((await call('POST', '/api/v1/contacts/00000000-0000-4000-8000-000000000000/tags', { key: writeKey, body: { tags: ['a'] } })).status).toBe(404);
    const removed = await call('DELETE', `/api/v1/contacts/${contactId}/tags/beta`, { key: writeKey });
    expect(removed).toMatchObject({ status: 200, body: { data: { tags: ['vip', 'new', 'gold'] } } });
    expect((await call('DELETE', `/api/v1/contacts/${contactId}/tags/beta`, { key: readKey })).status).toBe(403);
    expect((await call('DELETE', '/api/v1/contacts/00000000-0000-4000-8000-000000000000/tags/beta', { key: writeKey })).status).toBe(404);
    const tags = await call('GET', '/api/v1/tags', { key: readKey });
    expect((tags.body as { data: { tag: string; contacts: number }[] }).data).toEqual(
      expect.arrayContaining([
        { tag: 'vip', contacts: 1 },
        { tag: 'gold', contacts: 1 },
      ]),
    );
    expect((await call('GET', '/api/v1/tags', {})).status).toBe(401);
  });

  it('events: record a reply, a visit and app use; list a contact’s events', async () => {
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const reply = await call('POST', '/api/v1/events', { key: writeKey, body: { type: 'reply', contactId, occurredAt: at } });
    expect(reply).toMatchObject({ status: 201, body: { data: { contactId, type: 'reply', occurredAt: at, reactivated: false } } });
    expect((await call('POST', '/api/v1/events', { key: writeKey, body: { type: 'site_visit', email: 'eva@example.nl' } })).status).toBe(201);
    expect((await call('POST', '/api/v1/events', { key: writeKey, body: { type: 'login', email: 'eva@example.nl' } })).status).toBe(201);
    // An earlier time never moves a signal back.
    await call('POST', '/api/v1/events', { key: writeKey, body: { type: 'reply', contactId, occurredAt: new Date(Date.now() - 86_400_000).toISOString() } });
    const contact = await call('GET', `/api/v1/contacts/${contactId}`, { key: readKey });
    const c = (contact.body as { data: Record<string, string | null> }).data;
    expect(c.lastReplyAt).toBe(at);
    expect(c.lastVisitAt).not.toBeNull();
    expect(c.lastAppUseAt).not.toBeNull();
    // reply counts by default (settings → inactivity), so last activity moved with it.
    expect(new Date(c.lastActivityAt!).getTime()).toBeGreaterThanOrEqual(new Date(at).getTime());

    expect((await call('POST', '/api/v1/events', { key: writeKey, body: { type: 'reply', contactId, email: 'eva@example.nl' } })).status).toBe(400);
    expect((await call('POST', '/api/v1/events', { key: writeKey, body: { type: 'reply', contactId, occurredAt: new Date(Date.now() + 86_400_000).toISOString() } })).status).toBe(400);
    expect((await call('POST', '/api/v1/events', { key: writeKey, body: { type: 'reply', email: 'nobody@example.nl' } })).status).toBe(404);
    expect((await call('POST', '/api/v1/events', { key: readKey, body: { type: 'reply', contactId } })).status).toBe(403);
    expect((await call('POST', '/api/v1/events', { key: writeKey, raw: 'x'.repeat(70_000) })).status).toBe(413);
    expect((await call('POST', '/api/v1/events', {})).status).toBe(401);

    const list = await call('GET', `/api/v1/events?contactId=${contactId}`, { key: readKey });
    expect(list).toMatchObject({ status: 200, body: { data: [], nextCursor: null } });

    // Real events of a mailed contact: two opens through the tracking path, listed newest first, paged.
    const campaign = await makeCampaign(db(), owner.workspace.id, { sends: 1 });
    const send = campaign.sends[0];
    const server = await startTrackingServer();
    try {
      for (let i = 0; i < 2; i += 1) {
        const res = await fetch(`${server.url}/t/o/${signToken('open', [send.id])}`, { headers: { 'user-agent': CHROME } });
        expect(res.status).toBe(200);
      }
    } finally {
      await server.close();
    }
    const opens = await call('GET', `/api/v1/events?contactId=${send.contactId}&limit=1`, { key: readKey });
    const page1 = opens.body as { data: { id: string; type: string; campaignId: string }[]; nextCursor: string };
    expect(page1.data).toEqual([expect.objectContaining({ type: 'open', campaignId: campaign.id })]);
    const page2 = (await call('GET', `/api/v1/events?contactId=${send.contactId}&limit=1&cursor=${page1.nextCursor}`, { key: readKey })).body as typeof page1;
    expect(page2.data).toHaveLength(1);
    expect(Number(page2.data[0].id)).toBeLessThan(Number(page1.data[0].id));
    expect((await call('GET', '/api/v1/events', { key: readKey })).status).toBe(400);
    expect((await call('GET', '/api/v1/events?email=nobody@example.nl', { key: readKey })).status).toBe(404);
    expect((await call('GET', `/api/v1/events?contactId=${contactId}`, {})).status).toBe(401);
  });

  it('survey responses: list, filter, page', async () => {
    const survey = await makeSurvey(db(), owner.workspace.id);
    await recordAnswer(db(), { survey, channel: 'personal', score: 10, contactId, sendId: 1 });
    await recordAnswer(db(), { survey, channel: 'personal', score: 2, contactId, sendId: 2 });
    const all = await call('GET', `/api/v1/survey-responses?surveyId=${survey.id}`, { key: readKey });
    expect((all.body as { data: unknown[] }).data).toHaveLength(2);
    const detractors = await call('GET', `/api/v1/survey-responses?surveyId=${survey.id}&category=detractor`, { key: readKey });
    expect((detractors.body as { data: { score: number }[] }).data.map((r) => r.score)).toEqual([2]);
    const first = await call('GET', '/api/v1/survey-responses?limit=1', { key: readKey });
    const next = (first.body as { nextCursor: string }).nextCursor;
    expect(next).toEqual(expect.any(String));
    const second = await call('GET', `/api/v1/survey-responses?limit=1&cursor=${next}`, { key: readKey });
    expect((second.body as { data: { id: string }[] }).data[0].id).not.toBe((first.body as { data: { id: string }[] }).data[0].id);
    expect((await call('GET', '/api/v1/survey-responses?category=happy', { key: readKey })).status).toBe(400);
    expect((await call('GET', '/api/v1/survey-responses', {})).status).toBe(401);
  });

  it('conversions: list and filter', async () => {
    const list = await call('GET', '/api/v1/conversions?goal=purchase', { key: readKey });
    expect(list.status).toBe(200);
    expect((await call('GET', '/api/v1/conversions?since=yesterday', { key: readKey })).status).toBe(400);
    expect((await call('GET', '/api/v1/conversions', {})).status).toBe(401);
  });

  it('POST /api/v1/conversions (bare path) answers as documented: 201 recorded, 200 duplicate, 400, 401, 403, 404', async () => {
    await db().insert(conversionGoals).values({ workspaceId: owner.workspace.id, key: 'purchase', name: 'Purchase', currency: 'EUR' });
    const server = await startTrackingServer();
    try {
      const post = async (body: unknown, key: string | null) => {
        const res = await fetch(`${server.url}/api/v1/conversions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        });
        const r = { status: res.status, body: await res.json() };
        expectDocumented('POST', '/api/v1/conversions', r);
        return r;
      };
      const order = { goal: 'purchase', orderId: 'order-1', value: 49.95, currency: 'EUR', email: 'eva@example.nl' };
      expect((await post(order, writeKey)).status).toBe(201);
      expect(await post(order, writeKey)).toMatchObject({ status: 200, body: { status: 'duplicate' } });
      expect((await post({ goal: 'nope' }, writeKey)).status).toBe(404);
      expect((await post({ value: 'x' }, writeKey)).status).toBe(400);
      expect((await post(order, readKey)).status).toBe(403);
      expect((await post(order, null)).status).toBe(401);
      const listed = await call('GET', '/api/v1/conversions?goal=purchase', { key: readKey });
      expect((listed.body as { data: { orderId: string; value: number }[] }).data).toEqual([expect.objectContaining({ orderId: 'order-1', value: 49.95 })]);
    } finally {
      await server.close();
    }
  });

  it('rate limit: 429 as documented', async () => {
    process.env.PULSE_API_RATE_LIMIT = '1';
    const { key } = await makeApiKey(db(), owner.user.id, owner.workspace.id, 'write', 'tight');
    expect((await call('GET', '/api/v1/tags', { key })).status).toBe(200);
    const limited = await call('GET', '/api/v1/contacts', { key });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    for (const [m, p] of [
      ['GET', '/api/v1/tags'],
      ['GET', `/api/v1/contacts/${contactId}`],
      ['POST', '/api/v1/contacts'],
      ['POST', `/api/v1/contacts/${contactId}/tags`],
      ['DELETE', `/api/v1/contacts/${contactId}/tags/vip`],
      ['GET', `/api/v1/events?contactId=${contactId}`],
      ['POST', '/api/v1/events'],
      ['GET', '/api/v1/conversions'],
      ['GET', '/api/v1/survey-responses'],
    ] as const) {
      expect((await call(m, p, { key, body: m === 'GET' ? undefined : {} })).status).toBe(429);
    }
    delete process.env.PULSE_API_RATE_LIMIT;
  });

  it('exercised every documented operation with a success status', () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const m of Object.keys(ops)) {
        if (p === '/api/v1/openapi.json') continue;
        const statuses = [...(exercised.get(`${m.toUpperCase()} ${p}`) ?? [])];
        expect(statuses.some((s) => s < 300), `${m.toUpperCase()} ${p} was never answered with success`).toBe(true);
      }
    }
  });
});
