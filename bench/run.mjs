#!/usr/bin/env node
// `npm run bench`: every bench in sequence. Each prints its own figures against a baseline it
// measures in the same run; these are measurements, not tests (see bench/README.md).
// Needs a local Postgres (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const benches = [
  { name: 'click', args: [path.join(here, 'click.mjs')] },
  { name: 'report', args: ['--import', 'tsx', path.join(here, 'report.mjs')] },
  { name: 'survey', args: [path.join(here, 'survey.mjs')] },
  { name: 'sequence', args: ['--import', 'tsx', path.join(here, 'sequence.mjs')] },
  { name: 'conversion', args: [path.join(here, 'conversion.mjs')] },
  { name: 'smartlink', args: [path.join(here, 'smartlink.mjs')] },
  // Only when named (`npm run bench -- send`): see bench/README.md.
  { name: 'send', args: ['--import', 'tsx', path.join(here, 'send.mjs')], optIn: true },
];
const only = process.argv.slice(2);
const env = { ...process.env, AUTH_SECRET: process.env.AUTH_SECRET || 'pulse-bench-secret-not-for-production-0123456789' };

let failed = 0;
const started = Date.now();
for (const b of benches.filter((x) => (only.length === 0 ? !x.optIn : only.includes(x.name)))) {
  const t = Date.now();
  const r = spawnSync(process.execPath, b.args, { cwd: path.join(here, '..'), stdio: 'inherit', env });
  console.log(`\n[bench] ${b.name}: ${r.status === 0 ? 'done' : `FAILED (exit ${r.status})`} in ${((Date.now() - t) / 1000).toFixed(0)}s`);
  if (r.status !== 0) failed++;
}
console.log(`[bench] all done in ${((Date.now() - started) / 1000).toFixed(0)}s${failed ? `, ${failed} failed` : ''}`);
process.exit(failed ? 1 : 0);
