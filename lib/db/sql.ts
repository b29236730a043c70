import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './client';

/** Rows of a raw `execute`: postgres-js answers with an array, PGlite with `{ rows }`. */
export async function executeRows<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** A `text[]` literal built from bound parameters (drizzle would render a JS array as a row list). */
export function textArray(values: readonly string[]): SQL {
  if (values.length === 0) return sql`'{}'::text[]`;
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

/** `%term%` for ILIKE with the wildcards `%` and `_` (and the escape `\`) in `term` taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** True for a unique-constraint violation, through drizzle's DrizzleQueryError wrapper on both drivers. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint: name, constraint_name: pgName } = e as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
    if (code === '23505') return constraint === undefined || name === constraint || pgName === constraint;
  }
  return false;
}
