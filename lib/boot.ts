import { getDbHandle } from '@/lib/db/client';
import { migrateDb } from '@/lib/db/migrate';
import { DEMO_LOGIN, isDemoMode, seedDemo } from '@/lib/demo';

const bootKey = Symbol.for('pulse.boot');
type GlobalWithBoot = typeof globalThis & { [bootKey]?: Promise<void> };

/**
 * Once per process, whoever asks first (scripts/server.ts or Next's instrumentation, which load
 * separate copies of this module): migrate, then seed the demo if asked.
 */
export function ensureBooted(): Promise<void> {
  const g = globalThis as GlobalWithBoot;
  g[bootKey] ??= boot();
  return g[bootKey];
}

async function boot(): Promise<void> {
  const handle = getDbHandle();
  await migrateDb(handle);
  const where = handle.target.kind === 'pglite' ? `embedded PGlite (${handle.target.dataDir})` : 'Postgres (DATABASE_URL)';
  console.info(`[pulse] database ready: ${where}`);
  if (isDemoMode()) {
    const started = Date.now();
    const created = await seedDemo(handle.db);
    const took = created ? ` with a year of history in ${((Date.now() - started) / 1000).toFixed(1)} s` : '';
    console.info(`[pulse] demo workspace ${created ? 'created' : 'ready'}${took} — sign in with ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`);
  }
}
