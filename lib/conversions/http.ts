import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Entry point of the bare browser-snippet path (/c/…), called before Next.js sees the request.
 * STUB (foundation): the conversions work fills it in.
 *   GET  /c/pulse.js   the snippet (cacheable)
 *   POST /c/collect    page views and conversions from the snippet (CORS, sendBeacon-friendly)
 */
export function handleCollect(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('Not found');
}
