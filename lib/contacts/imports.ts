import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { contactImportRows, contactImports, type ContactImport } from '@/lib/db/schema';
import { notFound } from '@/lib/errors';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';

/** An import of this workspace, for progress polling and the result screen. */
export async function getImport({ ctx, input }: { ctx: WorkspaceCtx; input: { importId: string } }): Promise<ContactImport> {
  assertRole(ctx, 'viewer');
  const [row] = await ctx.db
    .select()
    .from(contactImports)
    .where(and(eq(contactImports.workspaceId, ctx.workspaceId), eq(contactImports.id, input.importId)))
    .limit(1);
  if (!row) throw notFound('importNotFound');
  return row;
}

/** Recent imports without their rejects (those can be large; open one import to see them). */
export async function listImports(ctx: WorkspaceCtx, limit = 20) {
  assertRole(ctx, 'viewer');
  return ctx.db
    .select({
      id: contactImports.id,
      fileName: contactImports.fileName,
      status: contactImports.status,
      totalRows: contactImports.totalRows,
      insertedRows: contactImports.insertedRows,
      updatedRows: contactImports.updatedRows,
      rejectedRows: contactImports.rejectedRows,
      duplicateRows: contactImports.duplicateRows,
      createdAt: contactImports.createdAt,
      finishedAt: contactImports.finishedAt,
      error: contactImports.error,
    })
    .from(contactImports)
    .where(eq(contactImports.workspaceId, ctx.workspaceId))
    .orderBy(desc(contactImports.createdAt))
    .limit(limit);
}

/**
 * Imports still `running` after `olderThanMs` died with their process: mark them failed and drop
 * their staging rows. For a periodic job or boot; not tenant-scoped on purpose.
 */
export async function failStaleImports(db: Db, olderThanMs = 6 * 60 * 60 * 1000): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMs);
  return db.transaction(async (tx) => {
    const stale = await tx
      .update(contactImports)
      .set({ status: 'failed', error: { key: 'internal', detail: 'stale' }, finishedAt: new Date() })
      .where(and(eq(contactImports.status, 'running'), lt(contactImports.createdAt, cutoff)))
      .returning({ id: contactImports.id });
    if (stale.length > 0) {
      await tx.delete(contactImportRows).where(inArray(contactImportRows.importId, stale.map((s) => s.id)));
    }
    return stale.length;
  });
}
