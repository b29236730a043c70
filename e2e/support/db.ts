import postgres from 'postgres';

/** Direct read access to the e2e database, to prove what a flow did (or did not) write. */
export function e2eSql() {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error('E2E_DATABASE_URL is not set');
  return postgres(url, { max: 2, onnotice: () => {} });
}
