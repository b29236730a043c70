import type { IncomingMessage } from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/api/test/clock/route';
import { executeRows } from '@/lib/db/sql';
import { isLoopbackAddress, PEER_HEADER, stampPeer } from '@/lib/http/peer';
import { TEST_CLOCK_CURSOR } from '@/lib/sequences/clock';
import { installProcessDb } from './support/campaigns';
import { setupTestDb } from './support/db';
import { testDriver } from './support/driver';
import { enrolmentsOf, makeSequence, stepSendsOf } from './support/sequences';

const db = setupTestDb();
const DAY_MS = 86_400_000;
let restoreDb: () => void;
let advancedMs = 0;
const envBefore = process.env.PULSE_TEST_CLOCK;

beforeAll(() => {
  restoreDb = installProcessDb(db());
});
afterEach(() => {
  if (envBefore === undefined) delete process.env.PULSE_TEST_CLOCK;
  else process.env.PULSE_TEST_CLOCK = envBefore;
});
afterAll(async () => {
  // The clock is one row for the whole database: give back what this file moved (other files may read it).
  if (advancedMs > 0) await db().execute(sql`update cursors set position = position - ${advancedMs} where name = ${TEST_CLOCK_CURSOR}`);
  restoreDb?.();
});

const URL_ = 'http://127.0.0.1:3000/api/test/clock';
const request = (method: 'GET' | 'POST', peer: string | null, body?: unknown, headers: Record<string, string> = {}) =>
  new Request(URL_, {
    method,
    headers: { 'content-type': 'application/json', host: '127.0.0.1:3000', ...(peer === null ? {} : { [PEER_HEADER]: peer }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
// A clock move runs the engine's pass over EVERY active sequence of the database. On Postgres the
// test database is shared by files running at once, whose sequences must not move under them:
// there, only the refusals run; the moves run on this file's own PGlite.
const ownDatabase = testDriver() === 'pglite';
const nowOf = async (res: Response) => new Date(((await res.json()) as { now: string }).now).getTime();

describe('the test-only clock route', () => {
  it('answers 404 when PULSE_TEST_CLOCK is not 1, even from loopback, and moves nothing', async () => {
    const [before] = await executeRows<{ position: string }>(db(), sql`select position from cursors where name = ${TEST_CLOCK_CURSOR}`);
    for (const value of [undefined, '0', 'true', '']) {
      if (value === undefined) delete process.env.PULSE_TEST_CLOCK;
      else process.env.PULSE_TEST_CLOCK = value;
      expect((await GET(request('GET', '127.0.0.1'))).status).toBe(404);
      const res = await POST(request('POST', '127.0.0.1', { days: 30 }));
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
    const [after] = await executeRows<{ position: string }>(db(), sql`select position from cursors where name = ${TEST_CLOCK_CURSOR}`);
    expect(after?.position).toEqual(before?.position);
  });

  it('answers 404 to anything but a direct loopback peer, with the clock on', async () => {
    process.env.PULSE_TEST_CLOCK = '1';
    for (const peer of [null, '203.0.113.7', '10.0.0.5', '::ffff:192.168.1.2', 'proxied', 'unknown', 'localhost']) {
      expect((await GET(request('GET', peer))).status).toBe(404);
      expect((await POST(request('POST', peer, { days: 1 }))).status).toBe(404);
    }
  });

  it.runIf(ownDatabase)('moves the sequence clock forward by whole days, and says where it is', async () => {
    process.env.PULSE_TEST_CLOCK = '1';
    const before = await nowOf(await GET(request('GET', '127.0.0.1')));
    const res = await POST(request('POST', '::1', { days: 6 }));
    expect(res.status).toBe(200);
    advancedMs += 6 * DAY_MS;
    const moved = await nowOf(res);
    expect(moved - before).toBeGreaterThanOrEqual(6 * DAY_MS);
    expect(moved - before).toBeLessThan(6 * DAY_MS + 60_000);
    const told = await nowOf(await GET(request('GET', '::ffff:127.0.0.1')));
    expect(told).toBeGreaterThanOrEqual(moved);
    expect(told - moved).toBeLessThan(60_000);
  });

  it.runIf(ownDatabase)('runs the engine at the moved clock at once: a step that fell due is queued in the same request', async () => {
    process.env.PULSE_TEST_CLOCK = '1';
    const s = await makeSequence(db(), { contacts: 2 });
    const before = await enrolmentsOf(db(), s.sequence.id);
    expect(before.map((e) => e.step)).toEqual([0, 0]);
    // Step 1 goes out at the first send-window slot after enrolment: within 8 days.
    const res = await POST(request('POST', '127.0.0.1', { days: 9 }));
    advancedMs += 9 * DAY_MS;
    expect(res.status).toBe(200);
    const body = (await res.json()) as { engine: { queued: number } };
    expect(body.engine.queued).toBeGreaterThanOrEqual(2);
    const after = await enrolmentsOf(db(), s.sequence.id);
    expect(after.map((e) => e.step)).toEqual([1, 1]);
    for (const e of after) expect((await stepSendsOf(db(), e.id)).map((r) => r.campaignId)).toEqual([s.steps[0].campaignId]);
  });

  it('refuses a bad body and a cross-site post, and never moves backwards', async () => {
    process.env.PULSE_TEST_CLOCK = '1';
    const before = await nowOf(await GET(request('GET', '127.0.0.1')));
    for (const body of [{ days: -3 }, { days: 0 }, { days: '2' }, {}, { days: 1, extra: true }, { days: 10_000 }]) {
      expect((await POST(request('POST', '127.0.0.1', body))).status).toBe(400);
    }
    const crossSite = await POST(request('POST', '127.0.0.1', { days: 1 }, { origin: 'https://evil.example' }));
    expect(crossSite.status).toBe(403);
    const after = await nowOf(await GET(request('GET', '127.0.0.1')));
    expect(after - before).toBeLessThan(60_000);
  });
});

describe('the peer stamp of scripts/server.ts', () => {
  const fake = (headers: Record<string, string>, remoteAddress: string) => ({ headers: { ...headers }, socket: { remoteAddress } }) as unknown as IncomingMessage;

  it('overwrites what a client claims with the socket address, and marks proxied requests', () => {
    const forged = fake({ [PEER_HEADER]: '127.0.0.1' }, '203.0.113.9');
    stampPeer(forged);
    expect(forged.headers[PEER_HEADER]).toBe('203.0.113.9');
    for (const h of ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host']) {
      const viaProxy = fake({ [h]: '127.0.0.1' }, '127.0.0.1');
      stampPeer(viaProxy);
      expect(viaProxy.headers[PEER_HEADER]).toBe('proxied');
    }
    const direct = fake({}, '::1');
    stampPeer(direct);
    expect(direct.headers[PEER_HEADER]).toBe('::1');
  });

  it.each([
    ['127.0.0.1', true],
    ['127.8.0.1', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['::ffff:10.0.0.1', false],
    ['0.0.0.0', false],
    ['localhost', false],
    ['', false],
  ])('isLoopbackAddress(%j) = %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});
