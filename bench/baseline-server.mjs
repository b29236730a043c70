// The baseline for bench/click.mjs: the least a click can cost on this machine. Bare node:http,
// the same token check, then the link lookup and the event insert in one prepared statement on
// the `postgres` driver, awaited before the 302 to the URL with its signed click id (pulse_cid). Usage: node bench/baseline-server.mjs <port>
import { createServer } from 'node:http';
import postgres from 'postgres';
import { signToken, verifyToken } from './lib/token.mjs';

const port = Number(process.argv[2] || 0);
const sql = postgres(process.env.DATABASE_URL, { max: Number(process.env.DATABASE_POOL_MAX || 10), onnotice: () => {} });

const server = createServer(async (req, res) => {
  try {
    const ids = req.url.startsWith('/t/c/') ? verifyToken('click', req.url.slice(5), 2) : null;
    const rows = ids
      ? await sql`
          with t as (
            select s.workspace_id, s.campaign_id, s.id as send_id, s.contact_id, l.id as link_id, l.url
            from campaign_sends s join campaign_links l on l.id = ${ids[1]}::bigint and l.campaign_id = s.campaign_id
            where s.id = ${ids[0]}::bigint
          ), ins as (
            insert into events (workspace_id, campaign_id, send_id, contact_id, link_id, type)
            select workspace_id, campaign_id, send_id, contact_id, link_id, 'click' from t
            returning id
          )
          select t.url, ins.id from t cross join ins`
      : [];
    if (rows.length === 0) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('Not found');
    }
    const location = new URL(rows[0].url);
    location.searchParams.set('pulse_cid', signToken('clickid', [1, Number(rows[0].id)]));
    res.writeHead(302, { location: location.href, 'cache-control': 'no-store', 'content-length': 0 });
    res.end();
  } catch (error) {
    console.error(error);
    res.writeHead(503);
    res.end();
  }
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`[baseline] ready on http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => sql.end({ timeout: 2 }).then(() => process.exit(0))));
