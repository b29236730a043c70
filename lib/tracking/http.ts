import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Entry point of the bare tracking path (/t/…), called by scripts/server.ts before Next.js sees
 * the request. Routes are added by the tracking module.
 */
export function handleTracking(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('Not found');
}
