import { and, count, desc, eq, getTableColumns, ilike, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { CONTACT_LIMITS, contacts, type Contact, type CsatCategory, type SurveyGroup } from '@/lib/db/schema';
import type { ContactFilter, ListContactsInput } from '@/lib/db/schema/contacts/validation';
import { containsPattern } from '@/lib/db/sql';
import { invalid } from '@/lib/errors';
import { compileSegmentRules, hasTagSql, onListSql } from '@/lib/segments/compile';
import { segmentRulesInWorkspace } from '@/lib/segments/manage';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { getContactInWorkspace, getListInWorkspace } from './guards';

/**
 * The WHERE clause of a filtered contacts view, always scoped to the caller's workspace. A list or
 * segment id of another workspace is NOT_FOUND, like any other foreign id.
 */
export async function contactFilterWhere(db: Db, ctx: WorkspaceCtx, filter: ContactFilter): Promise<SQL> {
  const parts: SQL[] = [eq(contacts.workspaceId, ctx.workspaceId)];
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    parts.push(
      or(
        ilike(contacts.email, pattern),
        ilike(contacts.firstName, pattern),
        ilike(contacts.lastName, pattern),
        sql`concat_ws(' ', ${contacts.firstName}, ${contacts.lastName}) ilike ${pattern}`,
      ) as SQL,
    );
  }
  if (filter.status) parts.push(eq(contacts.status, filter.status));
  if (filter.tag) parts.push(hasTagSql(filter.tag));
  if (filter.listId) {
    await getListInWorkspace(db, ctx, filter.listId);
    parts.push(onListSql(ctx.workspaceId, filter.listId));
  }
  if (filter.segmentId) {
    parts.push(compileSegmentRules(ctx.workspaceId, await segmentRulesInWorkspace(db, ctx, filter.segmentId)));
  }
  if (filter.nps) parts.push(eq(contacts.npsCategory, filter.nps));
  if (filter.csat) parts.push(eq(contacts.csatCategory, filter.csat));
  return and(...parts) as SQL;
}

export interface SurveyGroupCounts {
  nps: Record<SurveyGroup, number>;
  csat: Record<CsatCategory, number>;
}

/** Contacts per NPS group and per CSAT group (latest answer wins), for the filter's counts. */
export async function countSurveyGroups(ctx: WorkspaceCtx): Promise<SurveyGroupCounts> {
  assertRole(ctx, 'viewer');
  const rows = await ctx.db
    .select({ nps: contacts.npsCategory, csat: contacts.csatCategory, n: count() })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), or(isNotNull(contacts.npsCategory), isNotNull(contacts.csatCategory))))
    .groupBy(contacts.npsCategory, contacts.csatCategory);
  const out: SurveyGroupCounts = { nps: { promoter: 0, passive: 0, detractor: 0 }, csat: { satisfied: 0, neutral: 0, dissatisfied: 0 } };
  for (const r of rows) {
    if (r.nps) out.nps[r.nps] += Number(r.n);
    if (r.csat) out.csat[r.csat] += Number(r.n);
  }
  return out;
}

// Keyset pagination, newest first. The cursor carries created_at as Postgres text: microseconds
// survive (a JS Date would round them away and skip or repeat rows created in the same millisecond).
const cursorSchema = z.tuple([z.string().regex(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d)?$/), z.uuid()]);
type Cursor = z.infer<typeof cursorSchema>;

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(raw: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw invalid('invalidCursor');
  }
}

/** One page of contacts after `cursor` (exclusive) under `where`. */
export async function contactsPage(db: Db, where: SQL, cursor: string | undefined, limit: number) {
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await db
    .select({ ...getTableColumns(contacts), cursorAt: sql<string>`${contacts.createdAt}::text` })
    .from(contacts)
    .where(
      after ? and(where, sql`(${contacts.createdAt}, ${contacts.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)`) : where,
    )
    .orderBy(desc(contacts.createdAt), desc(contacts.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return {
    items: page.map((row): Contact => {
      const contact: Partial<typeof row> = { ...row };
      delete contact.cursorAt;
      return contact as Contact;
    }),
    nextCursor: more && last ? encodeCursor([last.cursorAt, last.id]) : null,
  };
}

export async function listContacts(ctx: WorkspaceCtx, input: ListContactsInput = {}) {
  assertRole(ctx, 'viewer');
  const where = await contactFilterWhere(ctx.db, ctx, input);
  return contactsPage(ctx.db, where, input.cursor, input.limit ?? CONTACT_LIMITS.pageSize);
}

export async function countContacts(ctx: WorkspaceCtx, filter: ContactFilter = {}): Promise<number> {
  assertRole(ctx, 'viewer');
  const [row] = await ctx.db.select({ n: count() }).from(contacts).where(await contactFilterWhere(ctx.db, ctx, filter));
  return row.n;
}

/** One contact of this workspace, for a detail view; another tenant's id is NOT_FOUND. */
export async function getContact({ ctx, input }: { ctx: WorkspaceCtx; input: { contactId: string } }): Promise<Contact> {
  assertRole(ctx, 'viewer');
  return getContactInWorkspace(ctx.db, ctx, input.contactId);
}
