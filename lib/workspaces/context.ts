import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { memberships, ROLE_RANK, workspaces, type Role, type Workspace } from '@/lib/db/schema';
import { forbidden, notFound } from '@/lib/errors';

/** Everything a service verb needs to act for a user inside one workspace. */
export interface WorkspaceCtx {
  db: Db;
  requestId: string;
  userId: string;
  workspaceId: string;
  role: Role;
}

export function hasRole(role: Role, min: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[min];
}

/** Throws FORBIDDEN unless the caller's server-resolved role reaches `min`. */
export function assertRole(ctx: Pick<WorkspaceCtx, 'role'>, min: Role): void {
  if (!hasRole(ctx.role, min)) throw forbidden(min === 'owner' ? 'ownerOnly' : min === 'admin' ? 'adminOnly' : 'readOnly');
}

export async function findMembership(db: Db, userId: string, workspaceId: string): Promise<Role | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)))
    .limit(1);
  return row?.role ?? null;
}

/** A workspace by its URL slug, only if `userId` is a member; null otherwise (callers answer 404). */
export async function findWorkspaceForUser(
  db: Db,
  userId: string,
  slug: string,
): Promise<{ workspace: Workspace; role: Role } | null> {
  const [row] = await db
    .select({ workspace: workspaces, role: memberships.role })
    .from(workspaces)
    .innerJoin(memberships, and(eq(memberships.workspaceId, workspaces.id), eq(memberships.userId, userId)))
    .where(eq(workspaces.slug, slug))
    .limit(1);
  return row ?? null;
}

export async function listWorkspacesForUser(db: Db, userId: string) {
  return db
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(workspaces.name);
}

const workspaceRef = z.uuid();

/**
 * The one place a caller's workspace context is built, for server actions and route handlers
 * alike: membership and role read from the database for `workspaceId`; a non-member (or a
 * malformed id) is NOT_FOUND, a role below `minRole` is FORBIDDEN.
 */
export async function resolveWorkspaceCtx(
  db: Db,
  input: { requestId: string; userId: string; workspaceId: unknown; minRole: Role },
): Promise<WorkspaceCtx> {
  const ref = workspaceRef.safeParse(input.workspaceId);
  if (!ref.success) throw notFound('workspaceNotFound');
  const role = await findMembership(db, input.userId, ref.data);
  if (!role) throw notFound('workspaceNotFound');
  const ctx: WorkspaceCtx = { db, requestId: input.requestId, userId: input.userId, workspaceId: ref.data, role };
  assertRole(ctx, input.minRole);
  return ctx;
}
