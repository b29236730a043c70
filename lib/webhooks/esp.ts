import { and, eq, gte, inArray, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/lib/db/client';
import { writeAudit } from '@/lib/db/audit';
import { campaignSends, contacts, events, type ContactStatus } from '@/lib/db/schema';
import { withTransaction } from '@/lib/db/transaction';

/**
 * Bounce and complaint webhooks from an ESP (the relay behind SMTP). Three payload formats:
 *
 * - SendGrid Event Webhook: a JSON array of `{ email, event, timestamp, "smtp-id"?, sg_message_id? }`.
 *   `bounce` is a bounce (unless `type: "blocked"`, a temporary block), `spamreport` a complaint,
 *   `dropped` a bounce when its reason names a bounced or invalid address. Everything else
 *   (delivered, open, click, deferred, …) is ignored.
 * - Postmark: one object `{ RecordType: "Bounce" | "SpamComplaint", Email, MessageID, BouncedAt, Type? }`.
 *   Soft bounce types (Transient, SoftBounce, DnsError, AutoResponder, …) are ignored; other
 *   record types (Delivery, Open, Click, …) too.
 * - Generic: `{ events: [{ type: "bounce" | "complaint", email, messageId?, occurredAt? }] }`.
 *
 * The Message-ID (`smtp-id`, `MessageID`, `messageId`) ties an event to a send when it is one
 * Pulse composed: `<pulse.{campaignId}.{sendId}@domain>` (lib/campaigns/compose.ts).
 */
export const ESP_PROVIDERS = ['sendgrid', 'postmark', 'generic'] as const;
export type EspProvider = (typeof ESP_PROVIDERS)[number];

/** Most bounce/complaint events one request may carry (other event types don't count). */
export const MAX_ESP_EVENTS = 1_000;
/** Most items of any type one request may carry. */
const MAX_ITEMS = 10_000;

export type EspEventType = 'bounce' | 'complaint';

export interface EspEvent {
  type: EspEventType;
  email: string;
  messageId: string | null;
  occurredAt: Date | null;
}

export interface ParsedEspPayload {
  provider: EspProvider;
  events: EspEvent[];
  /** Items of a type Pulse does not act on. */
  ignored: number;
}

export interface EspApplyResult {
  /** Events for a contact of this workspace (status rule applied; a replay still counts here). */
  applied: number;
  ignored: number;
  /** Events whose address is not a contact of this workspace. */
  unknownContacts: number;
  /** Event rows inserted (replays of an already recorded event insert nothing). */
  recorded: number;
}

/** A payload Pulse cannot use: `status` 400 (malformed) or 413 (too many events). */
export class EspPayloadError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 = 400,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'EspPayloadError';
  }
}

const email = z.string().trim().min(1).max(320);
const messageId = z.string().max(998);

const sendgridSchema = z
  .array(
    z.object({
      email,
      event: z.string().max(64),
      timestamp: z.number().optional(),
      'smtp-id': messageId.optional(),
      sg_message_id: messageId.optional(),
      type: z.string().max(64).optional(),
      reason: z.string().max(5_000).optional(),
    }),
  )
  .max(MAX_ITEMS);

const postmarkSchema = z.object({
  RecordType: z.string().max(64),
  Email: email,
  MessageID: messageId.optional().nullable(),
  BouncedAt: z.string().max(64).optional().nullable(),
  Type: z.string().max(64).optional().nullable(),
});

const genericSchema = z.object({
  events: z
    .array(
      z.object({
        type: z.string().max(64),
        email,
        messageId: messageId.optional().nullable(),
        occurredAt: z.iso.datetime({ offset: true }).optional().nullable(),
      }),
    )
    .max(MAX_ITEMS),
});

const POSTMARK_SOFT = new Set(['Transient', 'SoftBounce', 'DnsError', 'AutoResponder', 'AddressChange', 'OpenRelayTest', 'ChallengeVerification', 'SubscribeRequest', 'UnsubscribeRequest', 'InboundError']);

/** The provider a payload's shape says it comes from; null when it matches none. */
export function detectProvider(body: unknown): EspProvider | null {
  if (Array.isArray(body)) return 'sendgrid';
  if (body && typeof body === 'object') {
    if ('RecordType' in body) return 'postmark';
    if ('events' in body) return 'generic';
  }
  return null;
}

function toDate(value: string | number | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const d = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  // An ESP clock ahead of ours must not put events in the future.
  return d.getTime() > Date.now() ? new Date() : d;
}

function issuesOf(error: z.ZodError) {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

function parseWith<T>(schema: z.ZodType<T>, body: unknown, provider: EspProvider): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new EspPayloadError(`payload is not a valid ${provider} webhook`, 400, issuesOf(parsed.error));
  return parsed.data;
}

function sendgridType(item: z.infer<typeof sendgridSchema>[number]): EspEventType | null {
  if (item.event === 'spamreport') return 'complaint';
  if (item.event === 'bounce') return item.type === 'blocked' ? null : 'bounce';
  if (item.event === 'dropped') return /bounc|invalid/i.test(item.reason ?? '') ? 'bounce' : null;
  return null;
}

/**
 * Validates a parsed JSON body as `provider` (or the provider its shape suggests) and returns the
 * bounce and complaint events in it. Throws EspPayloadError for anything malformed.
 */
export function parseEspPayload(body: unknown, provider?: EspProvider | null): ParsedEspPayload {
  const p = provider ?? detectProvider(body);
  if (!p) {
    throw new EspPayloadError('unrecognised payload: expected a SendGrid event array, a Postmark bounce/complaint object or {"events": [...]}');
  }
  const out: EspEvent[] = [];
  let ignored = 0;
  if (p === 'sendgrid') {
    for (const item of parseWith(sendgridSchema, body, p)) {
      const type = sendgridType(item);
      if (!type) ignored++;
      else out.push({ type, email: item.email, messageId: item['smtp-id'] ?? item.sg_message_id ?? null, occurredAt: toDate(item.timestamp) });
    }
  } else if (p === 'postmark') {
    const item = parseWith(postmarkSchema, body, p);
    const type = item.RecordType === 'SpamComplaint' ? 'complaint' : item.RecordType === 'Bounce' && !POSTMARK_SOFT.has(item.Type ?? '') ? 'bounce' : null;
    if (!type) ignored++;
    else out.push({ type, email: item.Email, messageId: item.MessageID ?? null, occurredAt: toDate(item.BouncedAt) });
  } else {
    for (const item of parseWith(genericSchema, body, p).events) {
      if (item.type !== 'bounce' && item.type !== 'complaint') ignored++;
      else out.push({ type: item.type, email: item.email, messageId: item.messageId ?? null, occurredAt: toDate(item.occurredAt) });
    }
  }
  if (out.length > MAX_ESP_EVENTS) throw new EspPayloadError(`too many bounce/complaint events: at most ${MAX_ESP_EVENTS} per request`, 413);
  return { provider: p, events: out, ignored };
}

const PULSE_MESSAGE_ID = /^\s*<?pulse\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,15})@[^\s<>@]+>?\s*$/i;

/** The campaign and send a Pulse Message-ID (`<pulse.{campaignId}.{sendId}@domain>`) names; null otherwise. */
export function parseMessageId(value: string | null | undefined): { campaignId: string; sendId: number } | null {
  const m = value ? PULSE_MESSAGE_ID.exec(value) : null;
  return m ? { campaignId: m[1].toLowerCase(), sendId: Number(m[2]) } : null;
}

/**
 * Status rule: a bounce makes a subscribed or unsubscribed contact `bounced` (the address is
 * dead either way, and bounced is the stronger suppression); a complaint makes any contact
 * `complained`, also one that already bounced. Nobody is ever resubscribed.
 */
const FROM_STATUSES: Record<EspEventType, ContactStatus[]> = {
  bounce: ['subscribed', 'unsubscribed'],
  complaint: ['subscribed', 'unsubscribed', 'bounced'],
};
const TO_STATUS: Record<EspEventType, ContactStatus> = { bounce: 'bounced', complaint: 'complained' };

/**
 * Applies parsed events to one workspace in one transaction: contacts are found by lower-cased
 * email in that workspace only; an event whose Message-ID names a send of that workspace and that
 * contact is recorded against the send's campaign (so the roll-up counts it). Replays record
 * nothing new: an event of the same type already on that send, or (without a send) for that
 * contact within the same minute, is a duplicate.
 */
export async function applyEspEvents(db: Db, workspaceId: string, payload: ParsedEspPayload): Promise<EspApplyResult> {
  return withTransaction(db, async (tx) => {
    const result: EspApplyResult = { applied: 0, ignored: payload.ignored, unknownContacts: 0, recorded: 0 };
    const changed: Record<EspEventType, number> = { bounce: 0, complaint: 0 };
    for (const ev of payload.events) {
      const [contact] = await tx
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.email, ev.email.trim().toLowerCase())))
        .limit(1);
      if (!contact) {
        result.unknownContacts++;
        continue;
      }
      result.applied++;
      const updated = await tx
        .update(contacts)
        .set({ status: TO_STATUS[ev.type], updatedAt: new Date() })
        .where(and(eq(contacts.id, contact.id), inArray(contacts.status, FROM_STATUSES[ev.type])))
        .returning({ id: contacts.id });
      changed[ev.type] += updated.length;

      const ref = parseMessageId(ev.messageId);
      const [send] = ref
        ? await tx
            .select({ id: campaignSends.id, campaignId: campaignSends.campaignId })
            .from(campaignSends)
            .where(
              and(
                eq(campaignSends.id, ref.sendId),
                eq(campaignSends.workspaceId, workspaceId),
                eq(campaignSends.campaignId, ref.campaignId),
                eq(campaignSends.contactId, contact.id),
              ),
            )
            .limit(1)
        : [];
      const at = ev.occurredAt ?? new Date();
      const minute = Math.floor(at.getTime() / 60_000) * 60_000;
      const [dup] = await tx
        .select({ id: events.id })
        .from(events)
        .where(
          send
            ? and(eq(events.sendId, send.id), eq(events.type, ev.type))
            : and(
                eq(events.workspaceId, workspaceId),
                eq(events.contactId, contact.id),
                eq(events.type, ev.type),
                isNull(events.sendId),
                gte(events.createdAt, new Date(minute)),
                lt(events.createdAt, new Date(minute + 60_000)),
              ),
        )
        .limit(1);
      if (dup) continue;
      await tx.insert(events).values({
        workspaceId,
        campaignId: send?.campaignId ?? null,
        sendId: send?.id ?? null,
        contactId: contact.id,
        type: ev.type,
        createdAt: at,
        meta: { source: 'esp-webhook', provider: payload.provider },
      });
      result.recorded++;
    }
    if (changed.bounce + changed.complaint > 0) {
      await writeAudit(tx, { workspaceId, userId: null }, 'contacts.espWebhook', undefined, {
        provider: payload.provider,
        bounced: changed.bounce,
        complained: changed.complaint,
      });
    }
    return result;
  });
}
