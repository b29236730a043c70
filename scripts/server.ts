// The production server (`npm start` runs it through scripts/start.mjs): one node:http listener.
// Tracking hits (/t/…) and public survey pages (/s/…) go to bare handlers — the hottest paths Pulse
// has, and ~40× faster without a framework in the way — and every other request goes to Next.js.
import { createServer } from 'node:http';
import next from 'next';
import { ensureBooted } from '../lib/boot';
import { getDb } from '../lib/db/client';
import { handleBarePath } from '../lib/http/bare-paths';
import { stampPeer } from '../lib/http/peer';
import { startWorker } from '../lib/jobs/worker';
import { loggableError } from '../lib/log/safe-error';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || '0.0.0.0';

async function main() {
  await ensureBooted();
  const app = next({ dev, dir: process.cwd(), port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    // Who connected, for the few routes that answer only this machine (lib/http/peer).
    stampPeer(req);
    // Tracking hits and public survey pages: bare, before Next.js (lib/http/bare-paths).
    if (!handleBarePath(req, res)) void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => console.log(`[pulse] ready on http://localhost:${port}`));
  // Embedded worker (scheduled campaigns, sending, roll-ups): off when `npm run worker` processes do it.
  const worker = process.env.PULSE_WORKER === 'off' ? null : startWorker({ db: getDb() });
  // Graceful: mails in flight finish and are recorded, claimed recipients go back to the queue.
  const stop = () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    void Promise.all([closed, worker?.stop()]).then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error('[pulse] server failed to start:', loggableError(error));
  process.exit(1);
});
