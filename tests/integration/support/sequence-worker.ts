// A whole worker in its own process with a fast sequence loop, for the engine's crash test:
//   WORKER_DATABASE_URL=… WORKER_ID=… SEQUENCE_BATCH=… PULSE_TEST_CLOCK=1 node --import tsx tests/integration/support/sequence-worker.ts
// Prints "ready" once started; SIGTERM stops it gracefully, SIGKILL is the crash. Its "now" is the
// test clock (lib/sequences/clock), which the test moves forward in the database.
import { openDb } from '@/lib/db/client';
import { startWorker } from '@/lib/jobs/worker';

async function main() {
  const url = process.env.WORKER_DATABASE_URL;
  if (!url) throw new Error('WORKER_DATABASE_URL is required');
  const handle = openDb({ kind: 'postgres', url, max: 4 });
  const controller = new AbortController();
  process.on('SIGTERM', () => controller.abort());
  const worker = startWorker({
    db: handle.db,
    id: process.env.WORKER_ID,
    signal: controller.signal,
    pollMs: 20,
    maintenanceMs: 600_000,
    sequenceMs: 20,
    sequenceBatchSize: Number(process.env.SEQUENCE_BATCH ?? 2),
    send: { rate: 0 },
  });
  process.stdout.write('ready\n');
  await worker.stopped;
  await handle.close();
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
