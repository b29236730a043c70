import { eq } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyPassword } from '@/lib/auth/password';
import { MAX_ATTEMPTS_PER_PAIR } from '@/lib/auth/throttle';
import { verifyCredentials } from '@/lib/auth/verify';
import { users, type User } from '@/lib/db/schema';
import { setupTestDb } from './support/db';
import { makeUser, type MadeUser } from './support/factories';

// Through the real action: only the session is supplied, and Auth.js's signIn is replaced by the
// real credential check it would run (no cookie jar outside a request).
const signedIn = vi.hoisted(() => ({ user: null as User | null, db: null as unknown, reSignIns: [] as boolean[] }));
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => signedIn.user }));
vi.mock('@/lib/db/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/db/client')>()),
  getDb: () => signedIn.db,
}));
vi.mock('@/lib/auth', () => ({
  signIn: async (_provider: string, creds: { email: string; password: string }) => {
    const result = await verifyCredentials(signedIn.db as never, { ...creds, ip: null });
    signedIn.reSignIns.push(result.ok);
    if (!result.ok) throw new Error('re-sign-in failed');
  },
}));

const { changePasswordAction } = await import('@/lib/actions/account');

const db = setupTestDb();
const NEW = 'violet-anchor-meadow-71';
let me: MadeUser;

beforeAll(() => {
  signedIn.db = db();
});
beforeEach(async () => {
  me = await makeUser(db());
  signedIn.user = me.user;
  signedIn.reSignIns = [];
});

const row = async () => (await db().select().from(users).where(eq(users.id, me.user.id)))[0];
type Result = { data?: unknown; serverError?: { code: string; messageKey: string }; validationErrors?: Record<string, { _errors?: string[] }> } | undefined;
const change = (input: Record<string, string>) => changePasswordAction(input as never) as Promise<Result>;

describe('changePasswordAction', () => {
  it('refuses a wrong current password and changes nothing', async () => {
    const before = await row();
    const r = await change({ currentPassword: 'not my password', newPassword: NEW, confirmPassword: NEW });
    expect(r?.serverError).toMatchObject({ code: 'VALIDATION', messageKey: 'currentPasswordWrong' });
    const after = await row();
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.sessionVersion).toBe(before.sessionVersion);
    expect(signedIn.reSignIns).toEqual([]);
  });

  it('refuses a weak, short or mismatched new password before checking anything', async () => {
    const before = await row();
    const weak = await change({ currentPassword: me.password, newPassword: 'password123', confirmPassword: 'password123' });
    expect(weak?.validationErrors?.newPassword?._errors).toContain('validation.passwordCommon');
    const short = await change({ currentPassword: me.password, newPassword: 'short', confirmPassword: 'short' });
    expect(short?.validationErrors?.newPassword?._errors).toContain('validation.passwordTooShort');
    const mismatch = await change({ currentPassword: me.password, newPassword: NEW, confirmPassword: `${NEW}x` });
    expect(mismatch?.validationErrors?.confirmPassword?._errors).toContain('validation.passwordMismatch');
    const after = await row();
    expect(after.passwordHash).toBe(before.passwordHash);
    expect(after.sessionVersion).toBe(before.sessionVersion);
  });

  it('stores the new hash, bumps the session version and signs this device in with the new password', async () => {
    const before = await row();
    const r = await change({ currentPassword: me.password, newPassword: NEW, confirmPassword: NEW });
    expect(r?.serverError).toBeUndefined();
    expect(r?.data).toEqual({ changed: true });
    const after = await row();
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await verifyPassword(after.passwordHash, NEW)).toBe(true);
    expect(await verifyPassword(after.passwordHash, me.password)).toBe(false);
    expect(signedIn.reSignIns).toEqual([true]);
  });

  it('throttles wrong current passwords: after the limit even the right one is refused', async () => {
    for (let i = 0; i < MAX_ATTEMPTS_PER_PAIR; i++) {
      const r = await change({ currentPassword: `wrong-guess-${i}`, newPassword: NEW, confirmPassword: NEW });
      expect(r?.serverError?.messageKey).toBe('currentPasswordWrong');
    }
    const before = await row();
    const r = await change({ currentPassword: me.password, newPassword: NEW, confirmPassword: NEW });
    expect(r?.serverError).toMatchObject({ code: 'RATE_LIMITED', messageKey: 'throttled' });
    expect((await row()).passwordHash).toBe(before.passwordHash);
  });

  it('refuses without a session', async () => {
    signedIn.user = null;
    const r = await change({ currentPassword: me.password, newPassword: NEW, confirmPassword: NEW });
    expect(r?.serverError).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
