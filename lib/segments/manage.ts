import { and, asc, count, eq } from 'drizzle-orm';
import { assertListsInWorkspace, getSegmentInWorkspace } from '@/lib/contacts/guards';
import type { Db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { contacts, segments, type Segment } from '@/lib/db/schema';
import { isUniqueViolation } from '@/lib/db/sql';
import { withTransaction } from '@/lib/db/transaction';
import { conflict, notFound } from '@/lib/errors';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { compileSegmentRules } from './compile';
import { referencedListIds, segmentRulesSchema, type SegmentRules } from './rules';

/** Live count of the contacts `rules` select right now (for the editor's preview). */
export async function countSegment(ctx: WorkspaceCtx, rules: SegmentRules): Promise<number> {
  assertRole(ctx, 'viewer');
  await assertListsInWorkspace(ctx.db, ctx, referencedListIds(rules.rules));
  const [row] = await ctx.db.select({ n: count() }).from(contacts).where(compileSegmentRules(ctx.workspaceId, rules));
  return row.n;
}

/** A stored segment's rules, re-validated: the jsonb may predate a change of the rule model. */
export async function segmentRulesInWorkspace(tx: Db, ctx: WorkspaceCtx, segmentId: string): Promise<SegmentRules> {
  const segment = await getSegmentInWorkspace(tx, ctx, segmentId);
  return segmentRulesSchema.parse(segment.rules);
}

export async function listSegments(ctx: WorkspaceCtx) {
  assertRole(ctx, 'viewer');
  return ctx.db.select().from(segments).where(eq(segments.workspaceId, ctx.workspaceId)).orderBy(asc(segments.name));
}

export async function getSegment({ ctx, input }: { ctx: WorkspaceCtx; input: { segmentId: string } }): Promise<Segment> {
  assertRole(ctx, 'viewer');
  return getSegmentInWorkspace(ctx.db, ctx, input.segmentId);
}

async function saving<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('segmentExists');
    throw e;
  }
}

export async function createSegment({ ctx, input }: { ctx: WorkspaceCtx; input: { name: string; rules: SegmentRules } }): Promise<Segment> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    await assertListsInWorkspace(tx, ctx, referencedListIds(input.rules.rules));
    const [row] = await saving(() =>
      tx.insert(segments).values({ workspaceId: ctx.workspaceId, name: input.name, rules: input.rules }).returning(),
    );
    await writeAudit(tx, ctx, 'segment.created', row.id, { name: row.name });
    return row;
  });
}

export async function updateSegment({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: { segmentId: string; name?: string; rules?: SegmentRules };
}): Promise<Segment> {
  assertRole(ctx, 'member');
  return withTransaction(ctx.db, async (tx) => {
    await getSegmentInWorkspace(tx, ctx, input.segmentId);
    if (input.rules) await assertListsInWorkspace(tx, ctx, referencedListIds(input.rules.rules));
    const patch = { ...(input.name !== undefined && { name: input.name }), ...(input.rules && { rules: input.rules }) };
    const [row] = await saving(() =>
      tx
        .update(segments)
        .set({ ...patch, updatedAt: new Date() })
        .where(and(eq(segments.workspaceId, ctx.workspaceId), eq(segments.id, input.segmentId)))
        .returning(),
    );
    await writeAudit(tx, ctx, 'segment.updated', row.id, { fields: Object.keys(patch) });
    return row;
  });
}

export async function deleteSegment({ ctx, input }: { ctx: WorkspaceCtx; input: { segmentId: string } }): Promise<void> {
  assertRole(ctx, 'member');
  await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .delete(segments)
      .where(and(eq(segments.workspaceId, ctx.workspaceId), eq(segments.id, input.segmentId)))
      .returning({ name: segments.name });
    if (!row) throw notFound('segmentNotFound');
    await writeAudit(tx, ctx, 'segment.deleted', input.segmentId, { name: row.name });
  });
}
