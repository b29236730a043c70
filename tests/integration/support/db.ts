import { afterAll, beforeAll } from 'vitest';
import { openDb, type Db, type DbHandle } from '@/lib/db/client';
import { migrateDb } from '@/lib/db/migrate';
import { localTestDatabaseUrl, testDriver } from './driver';

/** A database for one test file: its own in-memory PGlite, or a small pool on the migrated test Postgres. */
export async function openTestDb(): Promise<DbHandle> {
  if (testDriver() === 'postgres') {
    return openDb({ kind: 'postgres', url: localTestDatabaseUrl(), max: 4 });
  }
  const handle = openDb({ kind: 'pglite' });
  await migrateDb(handle);
  return handle;
}

/** Opens the database before the file's tests and closes it after; call at the top of a test file. */
export function setupTestDb(): () => Db {
  let handle: DbHandle | undefined;
  beforeAll(async () => {
    handle = await openTestDb();
  });
  afterAll(async () => {
    await handle?.close();
    handle = undefined;
  });
  return () => {
    if (!handle) throw new Error('setupTestDb(): the database is only open inside hooks and tests');
    return handle.db;
  };
}
