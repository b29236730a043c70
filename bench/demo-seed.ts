// bench/demo-seed.ts — how long the demo seed takes (it runs inside `npm start` before the server
// listens). A fresh in-memory PGlite, and a fresh Postgres database when one is reachable.
//   node --import tsx bench/demo-seed.ts [pglite|pglite-disk|postgres]   (default: all three)
//   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDb, type DbHandle } from '../lib/db/client';
import { migrateDb } from '../lib/db/migrate';
import { executeRows } from '../lib/db/sql';
import { seedDemo } from '../lib/demo';
import { demoSeedProfile } from '../lib/demo/profile';

async function measure(label: string, handle: DbHandle): Promise<void> {
  await migrateDb(handle);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const created = await seedDemo(handle.db);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const t1 = performance.now();
  const again = await seedDemo(handle.db);
  const againMs = performance.now() - t1;
  const [n] = await executeRows<Record<string, number>>(
    handle.db,
    sql`select (select count(*)::int from contacts) as contacts, (select count(*)::int from campaigns) as campaigns,
               (select count(*)::int from campaign_sends) as sends, (select count(*)::int from events) as events`,
  );
  console.log(demoSeedProfile());
  console.log(`${label}: seed ${(ms / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU in this process (created=${created}); second run ${againMs.toFixed(0)} ms (created=${again}); ${JSON.stringify(n)}`);
}

async function main() {
  const which = process.argv[2];
  if (!which || which === 'pglite') {
    const handle = openDb({ kind: 'pglite' });
    try {
      await measure('PGlite (in memory)', handle);
    } finally {
      await handle.close();
    }
  }
  if (!which || which === 'pglite-disk') {
    // What `npm start` uses: PGlite on a data directory.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-bench-demo-'));
    const handle = openDb({ kind: 'pglite', dataDir: dir });
    try {
      await measure('PGlite (data directory)', handle);
    } finally {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (!which || which === 'postgres') {
    const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `pulse_bench_demo_${process.pid}`;
    const root = openDb({ kind: 'postgres', url: admin, max: 1 });
    await root.db.execute(sql.raw(`create database ${name}`));
    const handle = openDb({ kind: 'postgres', url: admin.replace(/\/[^/]*$/, `/${name}`), max: 10 });
    try {
      await measure('Postgres', handle);
    } finally {
      await handle.close();
      await root.db.execute(sql.raw(`drop database ${name}`));
      await root.close();
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
