export type TestDriver = 'pglite' | 'postgres';

export function testDriver(): TestDriver {
  const value = process.env.PULSE_TEST_DRIVER || 'pglite';
  if (value !== 'pglite' && value !== 'postgres') {
    throw new Error(`PULSE_TEST_DRIVER must be "pglite" or "postgres", got "${value}"`);
  }
  return value;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * The Postgres URL the suite may write to. Refuses anything but a local server or a unix socket:
 * the suite creates and deletes rows freely and must never touch a shared or production database.
 */
export function localTestDatabaseUrl(): string {
  const raw = process.env.TEST_DATABASE_URL;
  if (!raw) throw new Error('PULSE_TEST_DRIVER=postgres needs TEST_DATABASE_URL (a fresh, empty local database)');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('TEST_DATABASE_URL is not a valid URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`TEST_DATABASE_URL must be a postgres:// URL, got ${url.protocol}`);
  }
  // postgres://user@/db?host=/run/postgresql: the socket directory comes from ?host= (or PGHOST).
  const hosts = url.hostname
    ? [url.hostname]
    : (url.searchParams.get('host') ?? process.env.PGHOST ?? 'localhost').split(',');
  const bad = hosts.filter((h) => !(LOCAL_HOSTS.has(h.toLowerCase()) || h.startsWith('/')));
  if (bad.length > 0) {
    throw new Error(`Refusing to run integration tests against non-local database host(s): ${bad.join(', ')}`);
  }
  if (!url.pathname || url.pathname === '/') throw new Error('TEST_DATABASE_URL must name a database');
  return raw;
}
