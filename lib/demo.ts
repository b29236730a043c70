import { eq } from 'drizzle-orm';
import { signUp } from '@/lib/auth/sign-up';
import type { Db } from '@/lib/db/client';
import { users } from '@/lib/db/schema';

export const DEMO_LOGIN = { email: 'demo@pulse.localhost', password: 'pulse-demo-2026' } as const;

/** Demo mode: on by default with embedded PGlite, off with DATABASE_URL; PULSE_DEMO overrides. */
export function isDemoMode(): boolean {
  if (process.env.PULSE_DEMO) return process.env.PULSE_DEMO === 'true' || process.env.PULSE_DEMO === '1';
  return !process.env.DATABASE_URL;
}

/** Seeds the demo workspace once; later starts find the user and leave everything as it is. */
export async function seedDemo(db: Db): Promise<boolean> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_LOGIN.email)).limit(1);
  if (existing) return false;
  await signUp(db, {
    name: 'Demo Owner',
    email: DEMO_LOGIN.email,
    password: DEMO_LOGIN.password,
    workspaceName: 'Demo Coffee Roasters',
    isDemo: true,
  });
  return true;
}
