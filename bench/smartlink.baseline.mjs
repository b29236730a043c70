// The baseline for bench/smartlink.mjs: the least a SmartLink page load can cost on this machine.
// Bare node:http, the slug checked, the visitor hashed (HMAC of the cookie id, or of address + agent
// + day), then THE SAME one prepared statement as Pulse (lib/smartlinks/store VISIT_SQL: the page,
// its items and the visit insert) on the `postgres` driver, awaited, and THE SAME HTML
// (lib/smartlinks/render). No bot/source/device classification, no security headers beyond CSP.
// Usage: node --import tsx bench/smartlink.baseline.mjs <port>
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import postgres from 'postgres';
import { renderProblemPage, renderSmartlinkPage } from '../lib/smartlinks/render.ts';
import { VISIT_SQL } from '../lib/smartlinks/store.ts';

const port = Number(process.argv[2] || 0);
const sql = postgres(process.env.DATABASE_URL, { max: Number(process.env.DATABASE_POOL_MAX || 10), onnotice: () => {} });
const key = createHmac('sha256', process.env.AUTH_SECRET).update('bench-visitor').digest();
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

const server = createServer(async (req, res) => {
  try {
    const slug = req.url.slice(3).split('?')[0];
    if (!SLUG.test(slug)) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(renderProblemPage('en', 'notFound'));
    }
    const cookie = /pulse_sl=([A-Za-z0-9_-]{22})/.exec(req.headers.cookie ?? '')?.[1];
    const visitor = createHmac('sha256', key).update(cookie ?? `${req.socket.remoteAddress}|${req.headers['user-agent']}`).digest('base64url').slice(0, 22);
    const [row] = await sql.unsafe(VISIT_SQL, [slug, visitor, false, '', 'direct', 'mobile', ''], { prepare: true });
    if (!row) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(renderProblemPage('en', 'notFound'));
    }
    const body = Buffer.from(
      renderSmartlinkPage({
        slug: row.slug,
        title: row.title,
        bio: row.bio,
        avatarUrl: row.avatar_url,
        theme: JSON.parse(row.theme),
        locale: row.locale === 'nl' ? 'nl' : 'en',
        items: JSON.parse(row.items),
        canonical: null,
      }),
    );
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-length': body.length, 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src https:" });
    res.end(body);
  } catch (error) {
    console.error(error);
    res.writeHead(503);
    res.end();
  }
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`[baseline] ready on http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => sql.end({ timeout: 2 }).then(() => process.exit(0))));
