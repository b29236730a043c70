// The baseline for bench/conversion.mjs: a plain node:http server that does the same database
// work as POST /api/v1/conversions by calling the SAME two functions — authenticateApiKey (one
// statement: key, rate-limit bucket, last-used) and recordConversion (the goal, attribution,
// the insert with order-id dedupe, the roll-up event, the webhook outbox, in one transaction) —
// with nothing around them: no content-type or size checks, no zod, a bare JSON.parse, no error
// shape. So the ratio measures what the product's HTTP path adds on top of the unavoidable
// database work, on identical SQL (a hand-written copy would drift from the product's statements).
// Usage: node --import tsx bench/conversion.baseline.ts <port>
import { createServer } from 'node:http';
import { authenticateApiKey, isApiAuthFailure } from '../lib/api/keys';
import { ensureBooted } from '../lib/boot';
import { recordConversion } from '../lib/conversions/record';
import { getDb } from '../lib/db/client';

const port = Number(process.argv[2] || 0);

async function main() {
  await ensureBooted();
  const db = getDb();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const auth = await authenticateApiKey(db, req.headers.authorization, 'write');
        if (isApiAuthFailure(auth)) {
          res.writeHead(auth.status);
          return res.end();
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const r = await recordConversion(db, { workspaceId: auth.workspaceId, goalKey: body.goal, via: 'api', orderId: body.orderId, valueCents: Math.round(body.value * 100) });
        res.writeHead(r.status === 'recorded' ? 201 : r.status === 'duplicate' ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: 'id' in r ? String(r.id) : null, status: r.status }));
      } catch (error) {
        console.error(error);
        res.writeHead(503);
        res.end();
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, '127.0.0.1', () => console.log(`[baseline] ready on http://127.0.0.1:${(server.address() as { port: number }).port}`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
