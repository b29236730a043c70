// The production survey and tracking paths without Next.js, for bench/survey.mjs when no build
// exists: the same boot, the same node:http listener and the same /s/ and /t/ branches as
// scripts/server.ts. Usage: node --import tsx bench/survey.server.ts  (PORT, HOSTNAME, DATABASE_URL, AUTH_SECRET)
import { createServer } from 'node:http';
import { ensureBooted } from '../lib/boot';
import { handleSurvey } from '../lib/surveys/http';
import { handleTracking } from '../lib/tracking/http';

const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || '127.0.0.1';

async function main() {
  await ensureBooted();
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/t/')) return handleTracking(req, res);
    if (req.url?.startsWith('/s/')) return handleSurvey(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('Not found (survey-only launcher)');
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => console.log(`[pulse] ready on http://localhost:${port}`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main().catch((error) => {
  console.error('[bench] survey server failed to start:', error);
  process.exit(1);
});
