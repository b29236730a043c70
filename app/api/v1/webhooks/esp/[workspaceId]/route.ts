import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { workspaces } from '@/lib/db/schema';
import { applyEspEvents, ESP_PROVIDERS, EspPayloadError, parseEspPayload, type EspProvider } from '@/lib/webhooks/esp';
import { presentedSecret, verifyWebhookSecret } from '@/lib/webhooks/secret';
import { loggableError } from '@/lib/log/safe-error';

/** Largest body accepted; ESPs batch well below this. */
const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

const workspaceRef = z.uuid();
const providerParam = z.enum(ESP_PROVIDERS);

type ErrorCode = 'VALIDATION' | 'UNAUTHORIZED' | 'NOT_FOUND' | 'INTERNAL';

function fail(status: number, code: ErrorCode, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return Response.json({ error: { code, message, ...extra } }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

class BodyTooLarge extends Error {}

/** The body as text, read as a stream and abandoned as soon as it passes `limit` bytes. */
async function readBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
}

/**
 * POST /api/v1/webhooks/esp/{workspaceId}[?provider=sendgrid|postmark|generic][&secret=…]
 * Bounce and complaint events from an ESP (formats: lib/webhooks/esp.ts). Authenticated by the
 * workspace's webhook secret (lib/webhooks/secret.ts) as `Authorization: Bearer …` or `?secret=`.
 * 200 `{ applied, ignored, unknownContacts, recorded }`; 400 malformed, 401 bad secret,
 * 404 unknown workspace, 413 body over 1 MB or too many events.
 */
export async function POST(request: Request, { params }: { params: Promise<{ workspaceId: string }> }) {
  try {
    const { workspaceId } = await params;
    if (!verifyWebhookSecret(workspaceId, presentedSecret(request))) {
      return fail(401, 'UNAUTHORIZED', 'missing or wrong webhook secret', {}, { 'WWW-Authenticate': 'Bearer' });
    }
    const ref = workspaceRef.safeParse(workspaceId);
    const [workspace] = ref.success ? await getDb().select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, ref.data)).limit(1) : [];
    if (!workspace) return fail(404, 'NOT_FOUND', 'unknown workspace');

    const rawProvider = new URL(request.url).searchParams.get('provider');
    let provider: EspProvider | null = null;
    if (rawProvider) {
      const p = providerParam.safeParse(rawProvider);
      if (!p.success) return fail(400, 'VALIDATION', `provider must be one of ${ESP_PROVIDERS.join(', ')}`);
      provider = p.data;
    }

    let text: string;
    try {
      text = await readBody(request, MAX_WEBHOOK_BODY_BYTES);
    } catch (e) {
      if (e instanceof BodyTooLarge) return fail(413, 'VALIDATION', `body larger than ${MAX_WEBHOOK_BODY_BYTES} bytes`);
      return fail(400, 'VALIDATION', 'body is not valid UTF-8');
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return fail(400, 'VALIDATION', 'body is not valid JSON');
    }

    let parsed;
    try {
      parsed = parseEspPayload(body, provider);
    } catch (e) {
      if (e instanceof EspPayloadError) return fail(e.status, 'VALIDATION', e.message, e.issues ? { issues: e.issues } : {});
      throw e;
    }
    const result = await applyEspEvents(getDb(), workspace.id, parsed);
    return Response.json({ provider: parsed.provider, ...result }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (e) {
    const requestId = randomUUID();
    console.error(`[route webhooks.esp] request ${requestId}`, loggableError(e));
    return fail(500, 'INTERNAL', 'internal error', { requestId });
  }
}
