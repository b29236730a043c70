import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * POST /api/v1/conversions — the server-to-server conversion call, answered bare (before Next.js)
 * because it is a hot path; authenticated by an API key with write scope (lib/api/keys).
 * STUB (foundation): the conversions work fills it in. Errors use the one JSON error shape
 * `{ "error": { "code", "messageKey", "params"?, "issues"? } }`.
 */
export function handleConversionApi(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(501, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: { code: 'INTERNAL', messageKey: 'notImplemented' } }));
}
