import { randomUUID } from 'node:crypto';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { requireUser } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { findWorkspaceForUser, type WorkspaceCtx } from './context';

/**
 * Page guard for everything under /w/[slug]: the signed-in user must be a member, else 404 —
 * the same answer as for a workspace that doesn't exist, so slugs can't be probed.
 */
export const getPageContext = cache(async (slug: string) => {
  const user = await requireUser();
  const db = getDb();
  const found = await findWorkspaceForUser(db, user.id, slug);
  if (!found) notFound();
  const ctx: WorkspaceCtx = { db, requestId: randomUUID(), userId: user.id, workspaceId: found.workspace.id, role: found.role };
  return { user, workspace: found.workspace, role: found.role, ctx };
});

/** Fetch-or-404 for pages: a service verb's NOT_FOUND becomes the page's 404; anything else is thrown on. */
export function orNotFound<T>(pending: Promise<T>): Promise<T> {
  return pending.catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'NOT_FOUND') notFound();
    throw e;
  });
}

export type SlugParams = { params: Promise<{ slug: string }> };
