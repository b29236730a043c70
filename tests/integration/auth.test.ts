import { randomUUID } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import { signUp } from '@/lib/auth/sign-up';
import { auditLog, memberships, users, workspaces } from '@/lib/db/schema';
import { expectAppError } from './support/assertions';
import { setupTestDb } from './support/db';
import { makeUser, TEST_PASSWORD, uniqueEmail } from './support/factories';

const db = setupTestDb();

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

