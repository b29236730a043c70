import { openDb } from '../../lib/db/client';
import { migrateDb } from '../../lib/db/migrate';
import { localTestDatabaseUrl, testDriver } from './support/driver';

/**
 * Postgres: checks the database is local, then migrates it once for all test files.
 * PGlite: nothing to do here; every test file opens and migrates its own in-memory database.
 */
export default async function setup(): Promise<void> {
  const driver = testDriver();
  if (driver !== 'postgres') return;
  const url = localTestDatabaseUrl();
  const handle = openDb({ kind: 'postgres', url, max: 1 });
  try {
    await migrateDb(handle);
  } finally {
    await handle.close();
  }
}
