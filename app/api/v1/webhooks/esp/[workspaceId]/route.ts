import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { BodyTooLarge, readRequestText } from '@/lib/http/body';
import { HttpError, withPublicRoute } from '@/lib/http/route-context';
import { applyEspEvents, ESP_PROVIDERS, EspPayloadError, parseEspPayload, type EspProvider } from '@/lib/webhooks/esp';
import { presentedSecret, verifyWebhookSecret } from '@/lib/webhooks/secret';

/** Largest body accepted; ESPs batch well below this. */
const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

const workspaceRef = z.uuid();
const providerParam = z.enum(ESP_PROVIDERS);

const bad = (status: number, messageKey: string, params: Record<string, string | number> = {}, issues?: unknown) =>
  new HttpError(status, 'VALIDATION', messageKey, params, { issues });

/**
 * POST /api/v1/webhooks/esp/{workspaceId}[?provider=sendgrid|postmark|generic][&secret=…]
 * Bounce and complaint events from an ESP (formats: lib/webhooks/esp.ts). Authenticated by the
 * workspace's webhook secret (lib/webhooks/secret.ts) as `Authorization: Bearer …`; `?secret=` only
 * with `provider=sendgrid`, whose webhooks cannot send headers. Errors: the one JSON error shape.
 * 200 `{ applied, ignored, unknownContacts, recorded }`; 400 malformed, 401 bad secret or unknown
 * workspace (alike, so ids cannot be probed), 413 body over 1 MB or too many events.
 */
export const POST = withPublicRoute<{ workspaceId: string }>(async ({ request, params: { workspaceId } }) => {
  const ref = workspaceRef.safeParse(workspaceId);
  if (!ref.success || !(await verifyWebhookSecret(getDb(), ref.data, presentedSecret(request)))) {
    throw new HttpError(401, 'UNAUTHORIZED', 'webhookSecret', {}, { headers: { 'WWW-Authenticate': 'Bearer' } });
  }

  const rawProvider = new URL(request.url).searchParams.get('provider');
  let provider: EspProvider | null = null;
  if (rawProvider) {
    const p = providerParam.safeParse(rawProvider);
    if (!p.success) throw bad(400, 'webhookProvider', { providers: ESP_PROVIDERS.join(', ') });
    provider = p.data;
  }

  let text: string;
  try {
    text = await readRequestText(request, MAX_WEBHOOK_BODY_BYTES);
  } catch (e) {
    if (e instanceof BodyTooLarge) throw bad(413, 'bodyTooLarge', { limit: MAX_WEBHOOK_BODY_BYTES });
    throw bad(400, 'bodyNotUtf8');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw bad(400, 'bodyNotJson');
  }

  let parsed;
  try {
    parsed = parseEspPayload(body, provider);
  } catch (e) {
    if (e instanceof EspPayloadError) throw bad(e.status, 'webhookPayload', { detail: e.message }, e.issues);
    throw e;
  }
  const result = await applyEspEvents(getDb(), ref.data, parsed);
  return Response.json({ provider: parsed.provider, ...result }, { headers: { 'Cache-Control': 'no-store' } });
});
