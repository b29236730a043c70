import type { IncomingMessage } from 'node:http';

/**
 * The one size-capped body reader of Pulse's HTTP edges (route handlers and the bare tracking
 * path): a declared Content-Length over the cap is refused before reading, and reading stops as
 * soon as the bytes pass it, so a client cannot make the server buffer more than `limit`.
 */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`body larger than ${limit} bytes`);
  }
}

export const declaredTooLarge = (contentLength: string | null | undefined, limit: number): boolean => {
  const declared = Number(contentLength);
  return Number.isFinite(declared) && declared > limit;
};

/** Collects chunks up to `limit` bytes; `add` answers false once the limit is passed. */
class CappedBuffer {
  private chunks: Uint8Array[] = [];
  private size = 0;
  constructor(private readonly limit: number) {}
  add(chunk: Uint8Array): boolean {
    this.size += chunk.byteLength;
    if (this.size > this.limit) return false;
    this.chunks.push(chunk);
    return true;
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** A Fetch API request body (route handlers). Throws BodyTooLarge. */
export async function readRequestBody(request: Request, limit: number): Promise<Buffer> {
  if (declaredTooLarge(request.headers.get('content-length'), limit)) throw new BodyTooLarge(limit);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const buffer = new CappedBuffer(limit);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return buffer.bytes();
    if (!buffer.add(value)) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge(limit);
    }
  }
}

/**
 * A Node request body (the tracking path). Answers 'too-large' instead of throwing and leaves the
 * socket open, so the caller can still send its 413 before dropping the connection.
 */
export function readNodeBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    if (declaredTooLarge(req.headers['content-length'], limit)) return resolve('too-large');
    const buffer = new CappedBuffer(limit);
    req.on('data', (chunk: Buffer) => {
      if (!buffer.add(chunk)) {
        req.removeAllListeners('data');
        resolve('too-large');
      }
    });
    req.on('end', () => resolve(buffer.bytes()));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('request aborted')));
  });
}

/** The body as UTF-8 text; invalid UTF-8 throws a TypeError. */
export async function readRequestText(request: Request, limit: number): Promise<string> {
  return new TextDecoder('utf-8', { fatal: true }).decode(await readRequestBody(request, limit));
}
