import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { issueDeviceToken } from '@/lib/auth/device';
import { limitSignUp, limitTestSend, SIGN_UPS_PER_IP_PER_HOUR, TEST_SENDS_PER_WORKSPACE_PER_HOUR } from '@/lib/auth/limits';
import { passwordCheckCount } from '@/lib/auth/password';
import { MAX_ATTEMPTS_PER_EMAIL, MAX_ATTEMPTS_PER_IP, MAX_ATTEMPTS_PER_PAIR, THROTTLE_WINDOW_MS } from '@/lib/auth/throttle';
import { verifyCredentials, type VerifyResult } from '@/lib/auth/verify';
import { rateLimits } from '@/lib/db/schema';
import { expectAppError } from './support/assertions';
import { setupTestDb } from './support/db';
import { makeUser, TEST_PASSWORD, uniqueEmail } from './support/factories';

const db = setupTestDb();
/** Each test signs in from its own addresses so the per-IP throttle never couples tests. */
const freshIp = () => `198.51.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}-${randomUUID().slice(0, 6)}`;

async function hits(key: string) {
  const [row] = await db().select({ hits: rateLimits.hits }).from(rateLimits).where(eq(rateLimits.key, key));
  return row?.hits ?? 0;
}

/** Runs `fn` and counts the argon2 verifications (real and dummy) it caused. */
async function countingChecks<T>(fn: () => Promise<T>): Promise<{ result: T; checks: number }> {
  const before = passwordCheckCount.value;
  const result = await fn();
  return { result, checks: passwordCheckCount.value - before };
}

const tally = (results: VerifyResult[]) => ({
  ok: results.filter((r) => r.ok).length,
  invalid: results.filter((r) => !r.ok && r.reason === 'invalid').length,
  throttled: results.filter((r) => !r.ok && r.reason === 'throttled').length,
});

describe('sign-in throttle under concurrency', () => {
  it(`100 concurrent wrong passwords from one client get at most ${MAX_ATTEMPTS_PER_PAIR} password checks`, async () => {
    const { user } = await makeUser(db());
    const ip = freshIp();
    const { result, checks } = await countingChecks(() =>
      Promise.all(Array.from({ length: 100 }, (_, i) => verifyCredentials(db(), { email: user.email, password: `wrong-${i}`, ip }))),
    );
    const t = tally(result);
    console.info(`[figures] 100 concurrent wrong attempts, one client: ${checks} password checks, ${t.invalid} invalid, ${t.throttled} throttled`);
    expect(checks).toBeLessThanOrEqual(MAX_ATTEMPTS_PER_PAIR);
    expect(t).toEqual({ ok: 0, invalid: MAX_ATTEMPTS_PER_PAIR, throttled: 100 - MAX_ATTEMPTS_PER_PAIR });
  });

  it(`100 concurrent wrong passwords from 100 clients get at most ${MAX_ATTEMPTS_PER_EMAIL} checks for the address`, async () => {
    const { user } = await makeUser(db());
    const { result, checks } = await countingChecks(() =>
      Promise.all(Array.from({ length: 100 }, (_, i) => verifyCredentials(db(), { email: user.email, password: `wrong-${i}`, ip: freshIp() }))),
    );
    const t = tally(result);
    console.info(`[figures] 100 concurrent wrong attempts, 100 clients: ${checks} password checks, ${t.throttled} throttled`);
    expect(checks).toBeLessThanOrEqual(MAX_ATTEMPTS_PER_EMAIL);
    expect(t.invalid).toBe(MAX_ATTEMPTS_PER_EMAIL);
  });

  it('a throttled answer says when to come back, within the window', async () => {
    const email = uniqueEmail('nobody');
    const ip = freshIp();
    for (let i = 0; i < MAX_ATTEMPTS_PER_PAIR; i++) {
      expect(await verifyCredentials(db(), { email, password: TEST_PASSWORD, ip })).toEqual({ ok: false, reason: 'invalid' });
    }
    const r = await verifyCredentials(db(), { email, password: TEST_PASSWORD, ip });
    if (r.ok || r.reason !== 'throttled') throw new Error(`expected throttled, got ${JSON.stringify(r)}`);
    expect(r.retryAfterSec).toBeGreaterThan(0);
    expect(r.retryAfterSec).toBeLessThanOrEqual(THROTTLE_WINDOW_MS / 1000);
  });
});

describe('a stranger cannot lock the owner out', () => {
  it("after a stranger's 100 guesses, the owner's trusted browser still signs in; the stranger's right guess is refused", async () => {
    const { user, password } = await makeUser(db());
    const device = issueDeviceToken(user.id);
    const stranger = freshIp();
    await Promise.all(Array.from({ length: 100 }, (_, i) => verifyCredentials(db(), { email: user.email, password: `guess-${i}`, ip: stranger })));
    // Even the right password is refused to the stranger's client now…
    expect(await verifyCredentials(db(), { email: user.email, password, ip: stranger })).toMatchObject({ ok: false, reason: 'throttled' });
    // …but the owner's own browser has its own bucket.
    expect(await verifyCredentials(db(), { email: user.email, password, ip: freshIp(), deviceToken: device })).toMatchObject({ ok: true });
  });

  it("a device cookie issued for another account gives no bucket of its own", async () => {
    const victim = await makeUser(db());
    const attacker = await makeUser(db());
    const attackerDevice = issueDeviceToken(attacker.user.id);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => verifyCredentials(db(), { email: victim.user.email, password: `g-${i}`, ip: null, deviceToken: attackerDevice })),
    );
    expect(tally(results).invalid).toBeLessThanOrEqual(MAX_ATTEMPTS_PER_PAIR);
  });

  it('a tampered device cookie counts as no cookie', async () => {
    const { user, password } = await makeUser(db());
    const [id] = issueDeviceToken(user.id).split('.');
    const forged = `${id}.${'A'.repeat(43)}`;
    const ip = freshIp();
    for (let i = 0; i < MAX_ATTEMPTS_PER_PAIR; i++) await verifyCredentials(db(), { email: user.email, password: `x-${i}`, ip, deviceToken: forged });
    expect(await verifyCredentials(db(), { email: user.email, password, ip, deviceToken: forged })).toMatchObject({ reason: 'throttled' });
  });
});

describe('success and the budget', () => {
  it("success clears that client's pair and gives its attempt back", async () => {
    const { user, password } = await makeUser(db());
    const ip = freshIp();
    for (let i = 0; i < MAX_ATTEMPTS_PER_PAIR - 1; i++) await verifyCredentials(db(), { email: user.email, password: 'nope nope nope', ip });
    expect(await hits(`pair:${user.email}|ip:${ip}`)).toBe(MAX_ATTEMPTS_PER_PAIR - 1);
    expect(await verifyCredentials(db(), { email: user.email, password, ip })).toMatchObject({ ok: true });
    expect(await hits(`pair:${user.email}|ip:${ip}`)).toBe(0);
    expect(await hits(`email:${user.email}`)).toBe(MAX_ATTEMPTS_PER_PAIR - 1);
    for (let i = 0; i < MAX_ATTEMPTS_PER_PAIR - 1; i++) await verifyCredentials(db(), { email: user.email, password: 'nope nope nope', ip });
    expect(await verifyCredentials(db(), { email: user.email, password, ip })).toMatchObject({ ok: true });
  });

  it(`counts attempts per IP across addresses (limit ${MAX_ATTEMPTS_PER_IP})`, async () => {
    const ip = freshIp();
    await verifyCredentials(db(), { email: uniqueEmail('a'), password: 'x', ip });
    await verifyCredentials(db(), { email: uniqueEmail('b'), password: 'x', ip });
    expect(await hits(`ip:${ip}`)).toBe(2);
  });

  it('unknown addresses are throttled exactly like known ones', async () => {
    const known = await makeUser(db());
    const unknown = uniqueEmail('ghost');
    const ip = freshIp();
    const run = (email: string) => Promise.all(Array.from({ length: 12 }, () => verifyCredentials(db(), { email, password: 'wrong wrong', ip })));
    expect(tally(await run(known.user.email))).toEqual(tally(await run(unknown)));
  });
});

describe('sign-up and test-send limits', () => {
  it(`a workspace gets ${TEST_SENDS_PER_WORKSPACE_PER_HOUR} test sends an hour, even when they arrive at once`, async () => {
    const workspaceId = randomUUID();
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => limitTestSend(db(), workspaceId)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(TEST_SENDS_PER_WORKSPACE_PER_HOUR);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'RATE_LIMITED', messageKey: 'rateLimited' });
    // Another workspace is not affected.
    await expect(limitTestSend(db(), randomUUID())).resolves.toBeUndefined();
  });

  it(`one client IP gets ${SIGN_UPS_PER_IP_PER_HOUR} sign-ups an hour`, async () => {
    const ip = freshIp();
    for (let i = 0; i < SIGN_UPS_PER_IP_PER_HOUR; i++) await limitSignUp(db(), ip);
    await expectAppError(limitSignUp(db(), ip), 'RATE_LIMITED', 'rateLimited');
    await expect(limitSignUp(db(), freshIp())).resolves.toBeUndefined();
  });
});
