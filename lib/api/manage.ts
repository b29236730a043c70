import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { writeAudit } from '@/lib/db/audit';
import { apiKeys, API_KEY_SCOPES, users, type ApiKeyScope } from '@/lib/db/schema';
import { withTransaction } from '@/lib/db/transaction';
import { notFound } from '@/lib/errors';
import { plainText, uuid } from '@/lib/validation/fields';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { createApiKey } from './keys';

/**
 * API keys in Settings: owners and admins create and revoke, everyone may see the list (never a
 * key: only its prefix). Keys belong to the workspace, not to their creator — removing a member
 * leaves their keys working; revoking a key is how access is cut.
 */
export const apiKeyCreateSchema = z.object({
  name: plainText(80),
  scope: z.enum(API_KEY_SCOPES, { error: 'validation.choose' }),
});
export const apiKeyRefSchema = z.object({ keyId: uuid });

export async function listApiKeys(ctx: WorkspaceCtx) {
  assertRole(ctx, 'viewer');
  return ctx.db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scope: apiKeys.scope,
      createdByName: users.name,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdById))
    .where(eq(apiKeys.workspaceId, ctx.workspaceId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Creates a key; the plain key is returned once and stored nowhere (only its hash). */
export async function createWorkspaceApiKey({ ctx, input }: { ctx: WorkspaceCtx; input: { name: string; scope: ApiKeyScope } }) {
  assertRole(ctx, 'admin');
  return withTransaction(ctx.db, async (tx) => {
    const { key, row } = await createApiKey(tx, { workspaceId: ctx.workspaceId, name: input.name, scope: input.scope, createdById: ctx.userId });
    await writeAudit(tx, ctx, 'apiKey.created', row.id, { name: row.name, scope: row.scope, prefix: row.prefix });
    return { key, id: row.id, prefix: row.prefix };
  });
}

/** Irreversible: the key's next request is 401. Revoking twice, or another workspace's key, is NOT_FOUND. */
export async function revokeApiKey({ ctx, input }: { ctx: WorkspaceCtx; input: { keyId: string } }) {
  assertRole(ctx, 'admin');
  await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.workspaceId, ctx.workspaceId), eq(apiKeys.id, input.keyId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, prefix: apiKeys.prefix });
    if (!row) throw notFound('apiKeyNotFound');
    await writeAudit(tx, ctx, 'apiKey.revoked', row.id, { prefix: row.prefix });
  });
}
