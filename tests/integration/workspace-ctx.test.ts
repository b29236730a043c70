import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { resolveWorkspaceCtx } from '@/lib/workspaces/context';
import { expectAppError } from './support/assertions';
import { setupTestDb } from './support/db';
import { addMember, makeUser } from './support/factories';

const db = setupTestDb();

describe('resolveWorkspaceCtx (behind every workspace action and API route)', () => {
  it('reads the role from the database and refuses non-members, bad ids and low roles', async () => {
    const a = await makeUser(db());
    const b = await makeUser(db());
    const viewer = await addMember(db(), a.workspace.id, 'viewer');
    const base = { requestId: randomUUID(), minRole: 'viewer' as const };

    const ctx = await resolveWorkspaceCtx(db(), { ...base, userId: a.user.id, workspaceId: a.workspace.id });
    expect(ctx).toMatchObject({ userId: a.user.id, workspaceId: a.workspace.id, role: 'owner' });

    await expectAppError(resolveWorkspaceCtx(db(), { ...base, userId: a.user.id, workspaceId: b.workspace.id }), 'NOT_FOUND', 'workspaceNotFound');
    for (const bad of [undefined, null, 42, 'not-a-uuid', `${a.workspace.id}x`]) {
      await expectAppError(resolveWorkspaceCtx(db(), { ...base, userId: a.user.id, workspaceId: bad }), 'NOT_FOUND', 'workspaceNotFound');
    }
    await expectAppError(
      resolveWorkspaceCtx(db(), { ...base, minRole: 'admin', userId: viewer.id, workspaceId: a.workspace.id }),
      'FORBIDDEN',
      'adminOnly',
    );
  });
});
