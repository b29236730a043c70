// `npm run worker`: a worker process without the web server, for running several on several
// machines against one Postgres (DATABASE_URL). Embedded PGlite is single-process: there the
// worker runs inside `npm start` instead. Stops gracefully on SIGTERM/SIGINT.
import { ensureBooted } from '../lib/boot';
import { getDbHandle } from '../lib/db/client';
import { startWorker } from '../lib/jobs/worker';
import { loggableError } from '../lib/log/safe-error';

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error(
      '[pulse worker] DATABASE_URL is not set. A separate worker needs Postgres: embedded PGlite is a\n' +
        'single-process database, and `npm start` already runs the worker inside the server process.',
    );
    process.exit(1);
  }
  if (!process.env.AUTH_SECRET) {
    console.error('[pulse worker] AUTH_SECRET is not set: tracking links must be signed with the same secret as the web server.');
    process.exit(1);
  }
  await ensureBooted();
  const handle = getDbHandle();
  const controller = new AbortController();
  const worker = startWorker({ db: handle.db, signal: controller.signal });
  console.info(`[pulse worker] ${worker.id} running`);
  const stop = (signal: string) => {
    if (controller.signal.aborted) return;
    console.info(`[pulse worker] ${signal}: finishing mails in flight…`);
    controller.abort();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  await worker.stopped;
  await handle.close();
  console.info('[pulse worker] stopped');
}

main().catch((error) => {
  console.error('[pulse worker] failed:', loggableError(error));
  process.exit(1);
});
