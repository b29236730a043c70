import { randomUUID } from 'node:crypto';
import { signUp } from '@/lib/auth/sign-up';
import { hashPassword } from '@/lib/auth/password';
import type { Db } from '@/lib/db/client';
import { memberships, users, type Role, type User } from '@/lib/db/schema';
import { findMembership, findWorkspaceForUser, type WorkspaceCtx } from '@/lib/workspaces/context';

export const TEST_PASSWORD = 'correct horse battery staple';
export const BASE_URL = 'http://pulse.test';

/** An address no other call (in this file or a parallel one) will produce. */
export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomUUID().slice(0, 12)}@example.test`;
}

export interface MadeUser {
  user: User;
  password: string;
  workspace: { id: string; slug: string; name: string };
}

/** A user signed up through the real `signUp`, so they also own a fresh workspace of their own. */
export async function makeUser(
  db: Db,
  overrides: { email?: string; name?: string; password?: string; workspaceName?: string } = {},
): Promise<MadeUser> {
  const password = overrides.password ?? TEST_PASSWORD;
  const name = overrides.name ?? 'Test User';
  const workspaceName = overrides.workspaceName ?? `Workspace ${randomUUID().slice(0, 8)}`;
  const { user, slug } = await signUp(db, { email: overrides.email ?? uniqueEmail(), name, password, workspaceName });
  const found = await findWorkspaceForUser(db, user.id, slug);
  if (!found) throw new Error(`makeUser: signUp did not make ${user.email} a member of ${slug}`);
  return { user, password, workspace: { id: found.workspace.id, slug, name: found.workspace.name } };
}

/** A user row without a workspace of their own (an invitee, or someone to add as a member). */
export async function makeBareUser(db: Db, overrides: { email?: string; name?: string } = {}): Promise<User> {
  const [user] = await db
    .insert(users)
    .values({
      email: overrides.email ?? uniqueEmail('bare'),
      name: overrides.name ?? 'Bare User',
      passwordHash: await hashPassword(TEST_PASSWORD),
    })
    .returning();
  return user;
}

/** A new user who is a member of `workspaceId` with `role`. */
export async function addMember(db: Db, workspaceId: string, role: Role, overrides: { email?: string; name?: string } = {}) {
  const user = await makeBareUser(db, { email: overrides.email ?? uniqueEmail(role), name: overrides.name ?? `A ${role}` });
  await db.insert(memberships).values({ workspaceId, userId: user.id, role });
  return user;
}

/** The context the server would build: the role is read from the database, never assumed. */
export async function ctxFor(db: Db, userId: string, workspaceId: string): Promise<WorkspaceCtx> {
  const role = await findMembership(db, userId, workspaceId);
  if (!role) throw new Error(`ctxFor: user ${userId} is not a member of workspace ${workspaceId}`);
  return { db, requestId: randomUUID(), userId, workspaceId, role };
}
