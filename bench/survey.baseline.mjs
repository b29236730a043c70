// The baseline for bench/survey.mjs: the least an answer can cost on this machine. Bare node:http,
// the form parsed and the score checked, then ONE prepared statement on the `postgres` driver that
// finds the survey by its token and inserts the answer (a replayed or repeated one does nothing),
// awaited before the 303. No page, no limits, no cookie, no categorising beyond the score's group.
// Usage: node bench/survey.baseline.mjs <port>
import { createServer } from 'node:http';
import postgres from 'postgres';

const port = Number(process.argv[2] || 0);
const sql = postgres(process.env.DATABASE_URL, { max: Number(process.env.DATABASE_POOL_MAX || 10), onnotice: () => {} });
const group = (s) => (s >= 9 ? 'promoter' : s >= 7 ? 'passive' : 'detractor');

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    try {
      const token = req.url.slice(3);
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const score = Number(form.get('score'));
      const browser = /pulse_sv=([A-Za-z0-9_-]{22})/.exec(req.headers.cookie ?? '')?.[1] ?? null;
      if (req.method !== 'POST' || !Number.isInteger(score) || score < 0 || score > 10) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        return res.end('Bad request');
      }
      await sql`
        insert into survey_responses (workspace_id, survey_id, channel, score, category, comment, status, browser_key, submission_id, confirmed_at)
        select s.workspace_id, s.id, 'link', ${score}, ${group(score)}, ${form.get('comment') || null}, 'confirmed', ${browser}, ${form.get('submissionId')}, now()
        from surveys s where s.public_token = ${token}
        on conflict do nothing`;
      res.writeHead(303, { location: `${req.url}/thanks`, 'cache-control': 'no-store', 'content-length': 0 });
      res.end();
    } catch (error) {
      console.error(error);
      res.writeHead(503);
      res.end();
    }
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`[baseline] ready on http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => sql.end({ timeout: 2 }).then(() => process.exit(0))));
