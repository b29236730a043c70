import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import {
  contactImportRows,
  contactImports,
  contacts,
  IMPORT_LIMITS,
  listMembers,
  type ContactImport,
  type ImportError,
  type ImportNotice,
  type ImportReject,
} from '@/lib/db/schema';
import type { ImportMapping } from '@/lib/db/schema/contacts/validation';
import { withTransaction } from '@/lib/db/transaction';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getListInWorkspace } from './guards';
import { mergeStagedRows } from './import-merge';
import { inFileDuplicates } from './import-duplicates';
import { checkRow, planColumns, type ColumnPlan, type StagedRow } from './import-rows';
import { ImportFailure, readCsv, type CsvSource } from './import-source';
import { loggableError } from '@/lib/log/safe-error';

export interface ImportContactsInput {
  fileName: string;
  source: CsvSource;
  mapping: ImportMapping;
  listId?: string | null;
}

interface Progress {
  totalRows: number;
  rejectedRows: number;
  rejects: ImportReject[];
  rejectsDirty: boolean;
  notices: ImportNotice[];
  /** The file's name for the email column, for the duplicate notices. */
  emailColumn: string;
}

/**
 * Streaming CSV import: stage valid rows in batches (progress on the import row, contacts untouched),
 * then merge them in ONE transaction. Any failure leaves every contact as it was and no staging rows;
 * file problems return the failed import, unexpected errors are recorded as `internal` and rethrown.
 */
export async function importContacts({ ctx, input }: { ctx: WorkspaceCtx; input: ImportContactsInput }): Promise<ContactImport> {
  assertRole(ctx, 'member');
  if (input.listId) await getListInWorkspace(ctx.db, ctx, input.listId);
  const started = await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .insert(contactImports)
      .values({ workspaceId: ctx.workspaceId, fileName: input.fileName, listId: input.listId ?? null, createdById: ctx.userId })
      .returning();
    await writeAudit(tx, ctx, 'contacts.import.started', row.id, { fileName: input.fileName, mapping: input.mapping });
    return row;
  });
  const progress: Progress = { totalRows: 0, rejectedRows: 0, rejects: [], rejectsDirty: false, notices: [], emailColumn: input.mapping.email };
  try {
    await stageFile(ctx.db, started.id, input, progress);
    const done = await completeImport(ctx, started, progress);
    if (done.insertedRows >= ANALYZE_AFTER_ROWS) await refreshPlannerStatistics(ctx.db, ctx.requestId);
    return done;
  } catch (e) {
    const error: ImportError = e instanceof ImportFailure ? e.error : { key: 'internal' };
    if (!(e instanceof ImportFailure)) console.error(`[import ${started.id}] request ${ctx.requestId}`, loggableError(e));
    let failed: ContactImport;
    try {
      failed = await failImport(ctx, started.id, error, progress);
    } catch (cleanup) {
      console.error(`[import ${started.id}] request ${ctx.requestId}: could not record the failure`, loggableError(cleanup));
      throw e;
    }
    if (e instanceof ImportFailure) return failed;
    throw e;
  }
}

// After a bulk load the planner still thinks the workspace is small and sorts it whole for every page
// (100k-contact export: 26 s instead of 2.6 s). PGlite has no autovacuum; on Postgres it comes late.
const ANALYZE_AFTER_ROWS = 1000;
async function refreshPlannerStatistics(db: Db, requestId: string): Promise<void> {
  try {
    await db.execute(sql`analyze ${contacts}, ${listMembers}`);
  } catch (e) {
    console.warn(`[import] request ${requestId}: analyze after import failed`, e);
  }
}

async function stageFile(db: Db, importId: string, input: ImportContactsInput, progress: Progress): Promise<void> {
  let plan: ColumnPlan | null = null;
  let batch: StagedRow[] = [];
  const now = new Date();
  for await (const { fields, line } of readCsv(input.source)) {
    if (!plan) {
      plan = planColumns(fields, input.mapping);
      progress.emailColumn = plan.names[plan.email];
      continue;
    }
    if (fields.every((f) => f.trim() === '')) continue; // blank lines and Excel's ";;;;" rows
    progress.totalRows += 1;
    if (progress.totalRows > IMPORT_LIMITS.maxRows) {
      throw new ImportFailure({ key: 'tooManyRows', line, detail: String(IMPORT_LIMITS.maxRows) });
    }
    const checked = checkRow(fields, plan, line, now);
    if ('row' in checked) {
      batch.push(checked.row);
      const room = IMPORT_LIMITS.maxRejectsKept - progress.notices.length;
      if (room > 0) progress.notices.push(...checked.notices.slice(0, room));
    } else {
      progress.rejectedRows += 1;
      if (progress.rejects.length < IMPORT_LIMITS.maxRejectsKept) {
        progress.rejects.push(checked.reject);
        progress.rejectsDirty = true;
      }
    }
    if (progress.totalRows % IMPORT_LIMITS.batchSize === 0) {
      await flushBatch(db, importId, batch, progress);
      batch = [];
      // PGlite runs in this thread: let other requests (such as progress polls) in between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (!plan) throw new ImportFailure({ key: 'emptyFile' });
  if (progress.totalRows === 0) throw new ImportFailure({ key: 'noRows', line: 1 });
  await flushBatch(db, importId, batch, progress);
}

/** One batch of staged rows plus the progress counters; only `tx` is used inside (PGlite has one connection). */
async function flushBatch(db: Db, importId: string, batch: StagedRow[], progress: Progress): Promise<void> {
  const rejects = progress.rejectsDirty ? [...progress.rejects] : undefined;
  progress.rejectsDirty = false;
  await withTransaction(db, async (tx) => {
    if (batch.length > 0) await tx.insert(contactImportRows).values(batch.map((r) => ({ importId, ...r })));
    await tx
      .update(contactImports)
      .set({ totalRows: progress.totalRows, rejectedRows: progress.rejectedRows, ...(rejects && { rejects }) })
      .where(eq(contactImports.id, importId));
  });
}

async function completeImport(ctx: WorkspaceCtx, started: ContactImport, progress: Progress): Promise<ContactImport> {
  return withTransaction(ctx.db, async (tx) => {
    const room = IMPORT_LIMITS.maxRejectsKept - progress.notices.length;
    const duplicates = room > 0 ? await inFileDuplicates(tx, started.id, progress.emailColumn, room) : [];
    const notices = [...progress.notices, ...duplicates].sort((a, b) => a.line - b.line);
    const merged = await mergeStagedRows(tx, { importId: started.id, workspaceId: ctx.workspaceId, listId: started.listId });
    await tx.delete(contactImportRows).where(eq(contactImportRows.importId, started.id));
    const staged = progress.totalRows - progress.rejectedRows;
    const counts = {
      totalRows: progress.totalRows,
      insertedRows: merged.inserted,
      updatedRows: merged.updated,
      rejectedRows: progress.rejectedRows,
      duplicateRows: staged - merged.inserted - merged.updated,
    };
    const [done] = await tx
      .update(contactImports)
      .set({ ...counts, rejects: progress.rejects, notices, status: 'completed', finishedAt: new Date() })
      .where(and(eq(contactImports.workspaceId, ctx.workspaceId), eq(contactImports.id, started.id)))
      .returning();
    await writeAudit(tx, ctx, 'contacts.imported', started.id, { ...counts, listed: merged.listed });
    return done;
  });
}

async function failImport(ctx: WorkspaceCtx, importId: string, error: ImportError, progress: Progress): Promise<ContactImport> {
  return withTransaction(ctx.db, async (tx) => {
    await tx.delete(contactImportRows).where(eq(contactImportRows.importId, importId));
    const [failed] = await tx
      .update(contactImports)
      .set({
        status: 'failed',
        error,
        totalRows: progress.totalRows,
        rejectedRows: progress.rejectedRows,
        rejects: progress.rejects,
        finishedAt: new Date(),
      })
      .where(and(eq(contactImports.workspaceId, ctx.workspaceId), eq(contactImports.id, importId)))
      .returning();
    await writeAudit(tx, ctx, 'contacts.import.failed', importId, { error: error.key, line: error.line ?? null });
    return failed;
  });
}
