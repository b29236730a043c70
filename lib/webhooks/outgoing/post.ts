import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolveWebhookHost } from './guard';

/** What one POST attempt found: a status (any) or an error before a status arrived. */
export type PostOutcome = { status: number; body: string } | { error: string };

export const WEBHOOK_TIMEOUT_MS = 10_000;
/** How much of a receiver's answer is kept in the log. */
export const RESPONSE_KEEP_BYTES = 1024;

/**
 * POSTs `body` to `url`, connecting only to the address resolveWebhookHost checked (Host header
 * and SNI keep the name). No redirects are followed (a 3xx is just a failed status), the whole
 * exchange is cut at `timeoutMs`, and at most RESPONSE_KEEP_BYTES of the answer is read.
 */
export async function postWebhook(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number = WEBHOOK_TIMEOUT_MS,
): Promise<PostOutcome> {
  const url = new URL(rawUrl);
  let target: { address: string; family: 4 | 6 };
  try {
    [target] = await resolveWebhookHost(url);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = client.request(
      url,
      {
        method: 'POST',
        lookup,
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < RESPONSE_KEEP_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size >= RESPONSE_KEEP_BYTES) {
            finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).subarray(0, RESPONSE_KEEP_BYTES).toString('utf8') });
            res.destroy();
          }
        });
        res.on('end', () => finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).subarray(0, RESPONSE_KEEP_BYTES).toString('utf8') }));
        res.on('error', (e) => finish({ status: res.statusCode ?? 0, body: `(${e.message})` }));
      },
    );
    const timer = setTimeout(() => {
      finish({ error: `timeout after ${Math.round(timeoutMs / 1000)} s` });
      req.destroy();
    }, timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => finish({ error: e.code ? `${e.code}: ${e.message}` : e.message }));
    req.end(body);
  });
}
