import { and, desc, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { invalid } from '@/lib/errors';

/**
 * Opaque keyset cursors of the public API: base64url of `[created_at as Postgres text, id]`, newest
 * first. Postgres text keeps microseconds (a JS Date would round them and skip or repeat rows of
 * the same millisecond); rows inserted while a client pages are newer, so they never shift a page.
 * Same format as the contacts table's cursor (lib/contacts/query.ts).
 */
const cursorSchema = z.tuple([z.string().regex(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d)?$/), z.string().regex(/^[0-9a-f-]{1,36}$/)]);
export type Cursor = z.infer<typeof cursorSchema>;

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

/** A malformed cursor is 400 `invalidCursor`. */
export function decodeCursor(raw: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
  } catch {
    throw invalid('invalidCursor');
  }
}

/** `(created_at, id) < cursor` for a table whose id is a bigint (events, conversions, responses). */
export function afterBigintCursor(createdAt: AnyColumn, id: AnyColumn, raw: string | undefined): SQL | undefined {
  if (!raw) return undefined;
  const [at, ref] = decodeCursor(raw);
  if (!/^\d{1,19}$/.test(ref)) throw invalid('invalidCursor');
  return sql`(${createdAt}, ${id}) < (${at}::timestamptz, ${ref}::bigint)`;
}

export const newestFirst = (createdAt: AnyColumn, id: AnyColumn) => [desc(createdAt), desc(id)];
export const cursorText = (createdAt: AnyColumn) => sql<string>`${createdAt}::text`;

/** Splits the `limit + 1` rows a page query read into the page and its next cursor. */
export function toPage<R extends { cursorAt: string; id: string | number }, T>(rows: R[], limit: number, map: (row: R) => T) {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return { data: page.map(map), nextCursor: more && last ? encodeCursor([last.cursorAt, String(last.id)]) : null };
}

export const whereAll = (...parts: (SQL | undefined)[]) => and(...parts.filter((p): p is SQL => p !== undefined));
