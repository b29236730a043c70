import type { Db } from '@/lib/db/client';
import type { WebhookEvent } from '@/lib/db/schema';

/**
 * Queues one outgoing webhook event for every active endpoint of the workspace subscribed to it:
 * a `webhook_deliveries` row each plus its `webhook.deliver` job, written in the caller's
 * transaction (an outbox: the event is sent if and only if what it reports was committed).
 * Returns how many deliveries were queued.
 * STUB (foundation): the webhooks work implements it; callers may call it already.
 */
export interface WebhookEmit {
  workspaceId: string;
  event: WebhookEvent;
  /** The event's `data` object, JSON-serialisable (ids as strings, times as ISO strings). */
  data: Record<string, unknown>;
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export async function emitWebhookEvent(tx: Db, input: WebhookEmit): Promise<number> {
  return 0;
}
