import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/lib/db/schema';
import { inactivitySettingsSchema } from '@/lib/db/schema/workspaces/validation';
import { resolveWorkspaceCtx, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getWorkspace } from '@/lib/workspaces/get';
import { updateInactivitySettings } from '@/lib/workspaces/inactivity';
import { updateBenchmarks } from '@/lib/workspaces/update';
import { expectAppError } from './support/assertions';
import { setupTestDb } from './support/db';
import { addMember, ctxFor, makeUser } from './support/factories';

/** Settings → inactivity: the days (benchmarks.inactivityDays) and the counted signals of one workspace. */
const db = setupTestDb();

let owner: WorkspaceCtx;
let other: WorkspaceCtx;
const roles: Partial<Record<'admin' | 'member' | 'viewer', WorkspaceCtx>> = {};

beforeAll(async () => {
  const a = await makeUser(db(), { workspaceName: 'Inactivity A' });
  owner = await ctxFor(db(), a.user.id, a.workspace.id);
  for (const role of ['admin', 'member', 'viewer'] as const) {
    const u = await addMember(db(), a.workspace.id, role);
    roles[role] = await ctxFor(db(), u.id, a.workspace.id);
  }
  const b = await makeUser(db(), { workspaceName: 'Inactivity B' });
  other = await ctxFor(db(), b.user.id, b.workspace.id);
});

describe('updateInactivitySettings', () => {
  it('saves days and signals (in the canonical order), keeps the other benchmarks, and writes an audit row', async () => {
    const before = await getWorkspace(owner);
    const custom = { ...before.benchmarks, controlGroupPct: 15 };
    await updateBenchmarks({ ctx: owner, input: { benchmarks: custom } });
    await updateInactivitySettings({ ctx: roles.admin!, input: { inactivityDays: 45, signals: ['visit', 'click', 'appUse'] } });
    const ws = await getWorkspace(owner);
    expect(ws.inactivitySignals).toEqual(['click', 'visit', 'appUse']);
    expect(ws.benchmarks).toEqual({ ...custom, inactivityDays: 45 });
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, owner.workspaceId), eq(auditLog.action, 'workspace.inactivity.updated')));
    expect(audit).toMatchObject({ actorUserId: roles.admin!.userId, target: owner.workspaceId, data: { from: { inactivityDays: before.benchmarks.inactivityDays }, inactivityDays: 45, signals: ['click', 'visit', 'appUse'] } });
  });

  it.each(['member', 'viewer'] as const)('a %s may not change it, and nothing changes', async (role) => {
    const before = await getWorkspace(owner);
    await expectAppError(updateInactivitySettings({ ctx: roles[role]!, input: { inactivityDays: 7, signals: ['open'] } }), 'FORBIDDEN', 'adminOnly');
    expect(await getWorkspace(owner)).toMatchObject({ benchmarks: before.benchmarks, inactivitySignals: before.inactivitySignals });
  });

  it('only ever touches the caller’s own workspace; a non-member of another workspace gets 404 from the action chain', async () => {
    const theirs = await getWorkspace(other);
    await updateInactivitySettings({ ctx: owner, input: { inactivityDays: 200, signals: ['conversion'] } });
    expect(await getWorkspace(other)).toMatchObject({ benchmarks: theirs.benchmarks, inactivitySignals: theirs.inactivitySignals, updatedAt: theirs.updatedAt });
    await expectAppError(
      resolveWorkspaceCtx(db(), { requestId: randomUUID(), userId: owner.userId, workspaceId: other.workspaceId, minRole: 'admin' }),
      'NOT_FOUND',
      'workspaceNotFound',
    );
  });

  it('refuses bad input before touching the row', async () => {
    const before = await getWorkspace(owner);
    for (const input of [
      { inactivityDays: 0, signals: ['open'] },
      { inactivityDays: 3651, signals: ['open'] },
      { inactivityDays: 1.5, signals: ['open'] },
      { inactivityDays: 30, signals: [] },
      { inactivityDays: 30, signals: ['login'] },
    ]) {
      await expect(updateInactivitySettings({ ctx: owner, input: input as never }), JSON.stringify(input)).rejects.toThrow();
    }
    expect(await getWorkspace(owner)).toMatchObject({ benchmarks: before.benchmarks, inactivitySignals: before.inactivitySignals });
  });
});

describe('the form schema (what the settings page posts)', () => {
  it('reads one checkbox per signal, and "none ticked" as a field error on signals', () => {
    expect(inactivitySettingsSchema.parse({ inactivityDays: '60', signals: { click: 'on', open: 'on', survey: undefined } })).toEqual({
      inactivityDays: 60,
      signals: ['open', 'click'],
    });
    const none = inactivitySettingsSchema.safeParse({ inactivityDays: '60' });
    expect(none.success).toBe(false);
    expect(none.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['signals', 'settings.inactivity.signalsRequired']]);
    const days = inactivitySettingsSchema.safeParse({ inactivityDays: 'abc', signals: { open: 'on' } });
    expect(days.error!.issues[0].path).toEqual(['inactivityDays']);
  });
});
