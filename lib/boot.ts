import { getDbHandle } from '@/lib/db/client';
import { migrateDb } from '@/lib/db/migrate';
import { DEMO_LOGIN, isDemoMode, seedDemo } from '@/lib/demo';

/** Runs once per server process (instrumentation.ts): migrate, then seed the demo if asked. */
export async function boot(): Promise<void> {
  const handle = getDbHandle();
  await migrateDb(handle);
  const where = handle.target.kind === 'pglite' ? `embedded PGlite (${handle.target.dataDir})` : 'Postgres (DATABASE_URL)';
  console.info(`[pulse] database ready: ${where}`);
  if (isDemoMode()) {
    const created = await seedDemo(handle.db);
    console.info(`[pulse] demo workspace ${created ? 'created' : 'ready'} — sign in with ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`);
  }
}
