import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { signUp } from '@/lib/auth/sign-up';
import type { Db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { auditLog, campaigns, contacts, memberships, users, workspaces } from '@/lib/db/schema';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { seedDemoHistory } from './history';

export const DEMO_LOGIN = { email: 'demo@pulse.localhost', password: 'pulse-demo-2026' } as const;
const DEMO_WORKSPACE = 'Demo Coffee Roasters';
/** Audit actions that bracket the history seed: "started" without "seeded" means a start died half-way. */
const SEEDING = 'demo.seeding';
const SEEDED = 'demo.seeded';

/** Demo mode: on by default with embedded PGlite, off with DATABASE_URL; PULSE_DEMO overrides. */
export function isDemoMode(): boolean {
  if (process.env.PULSE_DEMO) return process.env.PULSE_DEMO === 'true' || process.env.PULSE_DEMO === '1';
  return !process.env.DATABASE_URL;
}

/**
 * Seeds the demo workspace with a year of history, once. A later start finds it seeded and does
 * nothing; a start that died half-way (no "seeded" mark) is thrown away and seeded again, so the
 * dashboard never shows half a history. A demo workspace from before the history existed gets it
 * only while it is still empty: a user's own data is never touched.
 */
export async function seedDemo(db: Db): Promise<boolean> {
  let ctx = await demoCtx(db);
  if (ctx) {
    const marks = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ctx.workspaceId), inArray(auditLog.action, [SEEDING, SEEDED])));
    if (marks.some((m) => m.action === SEEDED)) return false;
    if (marks.some((m) => m.action === SEEDING)) {
      await discardDemo(db, ctx);
      ctx = null;
    } else if (!(await isEmpty(db, ctx.workspaceId))) {
      return false;
    }
  }
  if (!ctx) {
    await signUp(db, { name: 'Demo Owner', email: DEMO_LOGIN.email, password: DEMO_LOGIN.password, workspaceName: DEMO_WORKSPACE, isDemo: true });
    ctx = (await demoCtx(db))!;
  }
  await writeAudit(db, ctx, SEEDING);
  const started = Date.now();
  const summary = await seedDemoHistory(ctx);
  await writeAudit(db, ctx, SEEDED, undefined, { ...summary, ms: Date.now() - started });
  return true;
}

async function demoCtx(db: Db): Promise<WorkspaceCtx | null> {
  const [row] = await db
    .select({ userId: users.id, workspaceId: memberships.workspaceId })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.role, 'owner')))
    .innerJoin(workspaces, and(eq(workspaces.id, memberships.workspaceId), eq(workspaces.isDemo, true)))
    .where(eq(users.email, DEMO_LOGIN.email))
    .limit(1);
  return row ? { db, requestId: `demo-seed-${randomUUID()}`, userId: row.userId, workspaceId: row.workspaceId, role: 'owner' } : null;
}

async function isEmpty(db: Db, workspaceId: string): Promise<boolean> {
  const [c] = await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.workspaceId, workspaceId)).limit(1);
  const [k] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.workspaceId, workspaceId)).limit(1);
  return !c && !k;
}

/**
 * A half-seeded demo: the workspace (cascading to its rows) and the demo user. Its events stay:
 * deleting them would leave a gap in the ids the roll-up waits on; it skips events of gone campaigns.
 */
async function discardDemo(db: Db, ctx: WorkspaceCtx): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(workspaces).where(eq(workspaces.id, ctx.workspaceId));
    await tx.delete(users).where(eq(users.id, ctx.userId));
  });
}
