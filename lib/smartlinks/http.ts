import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Entry point of the bare SmartLink path (/l/…), called before Next.js sees the request.
 * STUB (foundation): the SmartLinks work fills it in.
 *   GET|HEAD /l/<slug>                 the published page (server-rendered, works without JavaScript); a load is a visit
 *   GET|HEAD /l/<slug>/go/<itemId>     tracked redirect to that page's own live item URL, with the click id
 */
export function handleSmartlink(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('Not found');
}
