// A worker in its own process, for the crash and SIGTERM tests:
//   WORKER_DATABASE_URL=… WORKER_ID=… PULSE_SEND_RATE=… PULSE_SEND_CONCURRENCY=… node --import tsx tests/integration/support/send-worker.ts
// Prints "ready" once started; SIGTERM stops it gracefully (exit 0). SIGKILL is the crash.
import { openDb } from '@/lib/db/client';
import { startWorker } from '@/lib/jobs/worker';

async function main() {
  const url = process.env.WORKER_DATABASE_URL;
  if (!url) throw new Error('WORKER_DATABASE_URL is required');
  const handle = openDb({ kind: 'postgres', url, max: 4 });
  const controller = new AbortController();
  process.on('SIGTERM', () => controller.abort());
  // Maintenance (recovery, scheduling) is the test's business here: keep it out of the way.
  const worker = startWorker({ db: handle.db, id: process.env.WORKER_ID, signal: controller.signal, pollMs: 50, maintenanceMs: 600_000 });
  process.stdout.write('ready\n');
  await worker.stopped;
  await handle.close();
  process.stdout.write('stopped\n');
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
