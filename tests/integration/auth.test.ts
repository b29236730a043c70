import { randomUUID } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import { signUp } from '@/lib/auth/sign-up';
import { MAX_FAILURES_PER_EMAIL, THROTTLE_WINDOW_MS } from '@/lib/auth/throttle';
import { verifyCredentials } from '@/lib/auth/verify';
import { auditLog, authFailures, memberships, users, workspaces } from '@/lib/db/schema';
import { expectAppError } from './support/assertions';
import { setupTestDb } from './support/db';
import { makeUser, TEST_PASSWORD, uniqueEmail } from './support/factories';

const db = setupTestDb();
/** Each test signs in from its own address so the per-IP throttle never couples tests. */
const freshIp = () => `10.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}-${randomUUID().slice(0, 4)}`;

async function failureCount(key: string) {
  const [row] = await db().select({ n: count() }).from(authFailures).where(eq(authFailures.key, key));
  return row.n;
}

describe('signUp', () => {
  it('creates the user, their workspace, an owner membership and an audit row', async () => {
    const email = uniqueEmail('signup');
    const { user, slug } = await signUp(db(), { email, name: 'Ada', password: TEST_PASSWORD, workspaceName: 'Ada Analytics' });

    const [userRow] = await db().select().from(users).where(eq(users.id, user.id));
    expect(userRow).toMatchObject({ email, name: 'Ada' });

    const [ws] = await db().select().from(workspaces).where(eq(workspaces.slug, slug));
    expect(ws).toMatchObject({ name: 'Ada Analytics', industry: 'ecommerce', isDemo: false });
    expect(slug).toMatch(/^ada-analytics-[0-9a-f]{6}$/);

    const members = await db().select().from(memberships).where(eq(memberships.workspaceId, ws.id));
    expect(members).toEqual([expect.objectContaining({ userId: user.id, role: 'owner' })]);

    const audit = await db().select().from(auditLog).where(eq(auditLog.workspaceId, ws.id));
    expect(audit).toEqual([
      expect.objectContaining({ action: 'workspace.created', actorUserId: user.id, target: ws.id, data: { name: 'Ada Analytics' } }),
    ]);
  });

  it('stores the email lower-cased', async () => {
    const email = uniqueEmail('MiXeD.CaSe');
    const mixed = email.replace('@example.test', '@Example.TEST');
    const { user } = await signUp(db(), { email: mixed, name: 'Mixed', password: TEST_PASSWORD, workspaceName: 'Mixed' });
    const [row] = await db().select({ email: users.email }).from(users).where(eq(users.id, user.id));
    expect(row.email).toBe(email.toLowerCase());
    expect(row.email).not.toMatch(/[A-Z]/);
  });

  it('refuses a duplicate email in another case with CONFLICT signUpUnavailable and writes nothing', async () => {
    const { user } = await makeUser(db());
    const workspaceName = `Dup ${randomUUID()}`;
    await expectAppError(
      signUp(db(), { email: user.email.toUpperCase(), name: 'Dup', password: TEST_PASSWORD, workspaceName }),
      'CONFLICT',
      'signUpUnavailable',
    );
    const [sameEmail] = await db()
      .select({ n: count() })
      .from(users)
      .where(sql`lower(${users.email}) = ${user.email.toLowerCase()}`);
    expect(sameEmail.n).toBe(1);
    const [dupWorkspaces] = await db().select({ n: count() }).from(workspaces).where(eq(workspaces.name, workspaceName));
    expect(dupWorkspaces.n).toBe(0);
    const [ownMemberships] = await db().select({ n: count() }).from(memberships).where(eq(memberships.userId, user.id));
    expect(ownMemberships.n).toBe(1);
  });

  it('stores an argon2id hash, never the plaintext password', async () => {
    const password = `plain-${randomUUID()}`;
    const { user } = await makeUser(db(), { password });
    const [row] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain(password);
    expect(await verifyPassword(row.passwordHash, password)).toBe(true);
    expect(await verifyPassword(row.passwordHash, `${password}x`)).toBe(false);
  });
});

describe('verifyCredentials', () => {
  it('accepts the right password, whatever the case and padding of the email', async () => {
    const { user, password } = await makeUser(db());
    const result = await verifyCredentials(db(), { email: `  ${user.email.toUpperCase()} `, password, ip: freshIp() });
    expect(result).toMatchObject({ ok: true, user: { id: user.id, email: user.email } });
  });

  it('answers invalid for a wrong password and records the failure', async () => {
    const { user } = await makeUser(db());
    const result = await verifyCredentials(db(), { email: user.email, password: 'wrong password!', ip: freshIp() });
    expect(result).toEqual({ ok: false, reason: 'invalid' });
    expect(await failureCount(`email:${user.email}`)).toBe(1);
  });

  it(`throttles an email after ${MAX_FAILURES_PER_EMAIL} wrong passwords, even for the right one`, async () => {
    const { user, password } = await makeUser(db());
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      // A new IP every time: it is the per-email limit that must bite.
      const r = await verifyCredentials(db(), { email: user.email, password: `wrong-${i}`, ip: freshIp() });
      expect(r).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await failureCount(`email:${user.email}`)).toBe(MAX_FAILURES_PER_EMAIL);

    const blocked = await verifyCredentials(db(), { email: user.email, password, ip: freshIp() });
    expect(blocked.ok).toBe(false);
    if (blocked.ok || blocked.reason !== 'throttled') throw new Error(`expected throttled, got ${JSON.stringify(blocked)}`);
    expect(blocked.retryAfterSec).toBeGreaterThan(0);
    expect(blocked.retryAfterSec).toBeLessThanOrEqual(THROTTLE_WINDOW_MS / 1000);
    // A throttled attempt is not checked, so it neither succeeds nor clears the failures.
    expect(await failureCount(`email:${user.email}`)).toBe(MAX_FAILURES_PER_EMAIL);
  });

  it('throttles unknown emails exactly like known ones', async () => {
    const email = uniqueEmail('nobody');
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect(await verifyCredentials(db(), { email, password: TEST_PASSWORD, ip: freshIp() })).toEqual({ ok: false, reason: 'invalid' });
    }
    const r = await verifyCredentials(db(), { email, password: TEST_PASSWORD, ip: freshIp() });
    expect(r).toMatchObject({ ok: false, reason: 'throttled' });
    expect((r as { retryAfterSec: number }).retryAfterSec).toBeGreaterThan(0);
  });

  it("clears that email's failures on success, and only that email's", async () => {
    const { user, password } = await makeUser(db());
    const other = uniqueEmail('other');
    const ip = freshIp();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) {
      await verifyCredentials(db(), { email: user.email, password: 'nope nope nope', ip });
    }
    await verifyCredentials(db(), { email: other, password: 'nope nope nope', ip });
    expect(await failureCount(`email:${user.email}`)).toBe(MAX_FAILURES_PER_EMAIL - 1);

    expect(await verifyCredentials(db(), { email: user.email, password, ip })).toMatchObject({ ok: true });
    expect(await failureCount(`email:${user.email}`)).toBe(0);
    expect(await failureCount(`email:${other}`)).toBe(1);

    // The budget is whole again: four more misses do not lock the right password out.
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) {
      await verifyCredentials(db(), { email: user.email, password: 'nope nope nope', ip: freshIp() });
    }
    expect(await verifyCredentials(db(), { email: user.email, password, ip: freshIp() })).toMatchObject({ ok: true });
  });

  it('counts failures per IP across emails', async () => {
    const ip = freshIp();
    await verifyCredentials(db(), { email: uniqueEmail('a'), password: 'x', ip });
    await verifyCredentials(db(), { email: uniqueEmail('b'), password: 'x', ip });
    expect(await failureCount(`ip:${ip}`)).toBe(2);
  });
});
