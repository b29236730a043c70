import { randomUUID } from 'node:crypto';
import { and, arrayContains, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { jobs, webhookDeliveries, webhookEndpoints, type WebhookEvent } from '@/lib/db/schema';
import { WEBHOOK_DELIVER_KIND, webhookDeliverKey } from './outgoing/outbox';

/**
 * Queues one outgoing webhook event for every active endpoint of the workspace subscribed to it:
 * a `webhook_deliveries` row each plus its `webhook.deliver` job, written in the caller's
 * transaction (an outbox: the event is sent if and only if what it reports was committed).
 * Returns how many deliveries were queued. Nobody subscribed costs one indexed select.
 * Raw-SQL statements use lib/webhooks/outgoing/outbox.ts (the same rows, as CTEs).
 */
export interface WebhookEmit {
  workspaceId: string;
  event: WebhookEvent;
  /** The event's `data` object, JSON-serialisable (ids as strings, times as ISO strings). */
  data: Record<string, unknown>;
}

/** The JSON body receivers get; `id` is the event id (the same for every endpoint of one event). */
export interface WebhookBody {
  id: string;
  type: string;
  createdAt: string;
  workspaceId: string;
  data: Record<string, unknown>;
}

export function webhookBody(input: { eventId: string; type: string; workspaceId: string; data: Record<string, unknown>; at?: Date }): WebhookBody {
  return { id: input.eventId, type: input.type, createdAt: (input.at ?? new Date()).toISOString(), workspaceId: input.workspaceId, data: input.data };
}

export async function emitWebhookEvent(tx: Db, input: WebhookEmit): Promise<number> {
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, input.workspaceId), eq(webhookEndpoints.active, true), arrayContains(webhookEndpoints.events, [input.event])));
  if (endpoints.length === 0) return 0;
  const eventId = randomUUID();
  const payload = webhookBody({ eventId, type: input.event, workspaceId: input.workspaceId, data: input.data }) as unknown as Record<string, unknown>;
  const rows = await tx
    .insert(webhookDeliveries)
    .values(endpoints.map((e) => ({ workspaceId: input.workspaceId, endpointId: e.id, eventId, event: input.event, payload })))
    .returning({ id: webhookDeliveries.id });
  await tx
    .insert(jobs)
    .values(rows.map((r) => ({ kind: WEBHOOK_DELIVER_KIND, key: webhookDeliverKey(r.id), payload: { deliveryId: r.id } })))
    .onConflictDoNothing();
  return rows.length;
}
