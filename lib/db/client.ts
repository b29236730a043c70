import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Schema = typeof schema;
/** A database or a transaction on it: service verbs accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type DbTarget = { kind: 'postgres'; url: string; max?: number } | { kind: 'pglite'; dataDir?: string };

export interface DbHandle {
  db: Db;
  target: DbTarget;
  close(): Promise<void>;
}

export function dataDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.PULSE_DATA_DIR || path.join(process.cwd(), '.data'));
}

/** `DATABASE_URL` selects a Postgres server; without it Pulse runs on embedded PGlite in `.data/`. */
export function targetFromEnv(): DbTarget {
  const url = process.env.DATABASE_URL;
  if (url) return { kind: 'postgres', url, max: Number(process.env.DATABASE_POOL_MAX || 10) };
  return { kind: 'pglite', dataDir: path.join(/*turbopackIgnore: true*/ dataDir(), 'pglite') };
}

export function openDb(target: DbTarget): DbHandle {
  if (target.kind === 'postgres') {
    const client = postgres(target.url, { max: target.max ?? 10, onnotice: () => {} });
    const db = drizzlePostgres(client, { schema, casing: 'snake_case' }) as unknown as Db;
    return { db, target, close: () => client.end({ timeout: 5 }) };
  }
  if (target.dataDir) fs.mkdirSync(target.dataDir, { recursive: true });
  const client = new PGlite(target.dataDir);
  const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Db;
  return { db, target, close: () => client.close() };
}

const globalKey = Symbol.for('pulse.db');
type GlobalWithDb = typeof globalThis & { [globalKey]?: DbHandle };

/**
 * The process-wide database. Kept on globalThis because Next.js loads instrumentation and routes
 * as separate bundles in one process, and PGlite must be opened exactly once per data directory.
 */
export function getDbHandle(): DbHandle {
  const g = globalThis as GlobalWithDb;
  g[globalKey] ??= openDb(targetFromEnv());
  return g[globalKey];
}

export function getDb(): Db {
  return getDbHandle().db;
}
