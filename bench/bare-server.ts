// The production bare paths without Next.js, for bench/click.mjs and bench/survey.mjs when no build
// exists: the same boot, the same node:http listener and the same /t/ and /s/ router as scripts/server.ts.
// Usage: node --import tsx bench/bare-server.ts  (PORT, HOSTNAME, DATABASE_URL, AUTH_SECRET)
import { createServer } from 'node:http';
import { ensureBooted } from '../lib/boot';
import { handleBarePath } from '../lib/http/bare-paths';

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || '127.0.0.1';

async function main() {
  await ensureBooted();
  const server = createServer((req, res) => {
    if (handleBarePath(req, res)) return;
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found (bare-paths launcher)');
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => console.log(`[pulse] ready on http://localhost:${port}`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main().catch((error) => {
  console.error('[bench] bare server failed to start:', error);
  process.exit(1);
});
