import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { decryptSecret, encryptSecret } from '@/lib/crypto';
import { writeAudit } from '@/lib/db/audit';
import { jobs, webhookDeliveries, webhookEndpoints, type WebhookDelivery, type WebhookEvent } from '@/lib/db/schema';
import { withTransaction } from '@/lib/db/transaction';
import { conflict, invalid, notFound } from '@/lib/errors';
import { enqueue } from '@/lib/jobs/queue';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';
import { webhookBody } from '../emit';
import { assertWebhookUrl, WebhookUrlRefused } from './guard';
import { WEBHOOK_DELIVER_KIND, webhookDeliverKey } from './outbox';
import { newSigningSecret } from './signature';
import { webhookEndpointSchema, type WebhookEndpointInput } from './validation';

/**
 * Settings → Outgoing webhooks. Everyone in the workspace reads endpoints and their delivery log;
 * owners and admins add, change, test, retry and delete them and reveal or rotate their signing
 * secrets. Every query is scoped to the caller's workspace; another workspace's id is "not found".
 */
export const MAX_ENDPOINTS = 20;
export const TEST_EVENT = 'webhook.test';
export const DELIVERY_LOG_LIMIT = 50;

export interface EndpointSummary {
  id: string;
  url: string;
  description: string | null;
  events: WebhookEvent[];
  active: boolean;
  createdAt: Date;
}

export async function listWebhookEndpoints(ctx: WorkspaceCtx): Promise<EndpointSummary[]> {
  return ctx.db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      events: webhookEndpoints.events,
      active: webhookEndpoints.active,
      createdAt: webhookEndpoints.createdAt,
    })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.workspaceId, ctx.workspaceId))
    .orderBy(webhookEndpoints.createdAt);
}

/** The newest deliveries of one endpoint of the caller's workspace (empty for anyone else's). */
export async function listWebhookDeliveries(ctx: WorkspaceCtx, endpointId: string, limit = DELIVERY_LOG_LIMIT): Promise<WebhookDelivery[]> {
  return ctx.db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, ctx.workspaceId), eq(webhookDeliveries.endpointId, endpointId)))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
}

async function ownEndpoint(ctx: WorkspaceCtx, endpointId: string) {
  const [row] = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.workspaceId, ctx.workspaceId)));
  if (!row) throw notFound('webhookOutNotFound');
  return row;
}

async function checkedUrl(raw: string): Promise<string> {
  try {
    return await assertWebhookUrl(raw);
  } catch (e) {
    if (e instanceof WebhookUrlRefused) throw invalid(e.problem);
    throw e;
  }
}

export async function createWebhookEndpoint({ ctx, input }: { ctx: WorkspaceCtx; input: WebhookEndpointInput }): Promise<{ id: string }> {
  assertRole(ctx, 'admin');
  const parsed = webhookEndpointSchema.safeParse(input);
  if (!parsed.success) throw invalid('validation');
  const url = await checkedUrl(parsed.data.url);
  return withTransaction(ctx.db, async (tx) => {
    const [{ n }] = await tx.select({ n: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, ctx.workspaceId));
    if (n >= MAX_ENDPOINTS) throw conflict('webhookOutTooMany', { max: MAX_ENDPOINTS });
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        workspaceId: ctx.workspaceId,
        url,
        description: parsed.data.description ?? null,
        events: parsed.data.events,
        secretEnc: encryptSecret(newSigningSecret()),
        createdById: ctx.userId,
      })
      .returning({ id: webhookEndpoints.id });
    await writeAudit(tx, ctx, 'webhookEndpoint.created', row.id, { url, events: parsed.data.events });
    return row;
  });
}

export async function updateWebhookEndpoint({ ctx, input }: { ctx: WorkspaceCtx; input: WebhookEndpointInput & { endpointId: string } }): Promise<void> {
  assertRole(ctx, 'admin');
  const parsed = webhookEndpointSchema.safeParse(input);
  if (!parsed.success) throw invalid('validation');
  await ownEndpoint(ctx, input.endpointId);
  const url = await checkedUrl(parsed.data.url);
  await withTransaction(ctx.db, async (tx) => {
    await tx
      .update(webhookEndpoints)
      .set({ url, events: parsed.data.events, description: parsed.data.description ?? null, updatedAt: new Date() })
      .where(and(eq(webhookEndpoints.id, input.endpointId), eq(webhookEndpoints.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, 'webhookEndpoint.updated', input.endpointId, { url, events: parsed.data.events });
  });
}

export async function setWebhookEndpointActive({ ctx, endpointId, active }: { ctx: WorkspaceCtx; endpointId: string; active: boolean }): Promise<void> {
  assertRole(ctx, 'admin');
  await ownEndpoint(ctx, endpointId);
  await withTransaction(ctx.db, async (tx) => {
    await tx
      .update(webhookEndpoints)
      .set({ active, updatedAt: new Date() })
      .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, active ? 'webhookEndpoint.enabled' : 'webhookEndpoint.disabled', endpointId);
  });
}

/** Deletes the endpoint and its log (cascade); its queued jobs find nothing and end. */
export async function deleteWebhookEndpoint({ ctx, endpointId }: { ctx: WorkspaceCtx; endpointId: string }): Promise<void> {
  assertRole(ctx, 'admin');
  const row = await ownEndpoint(ctx, endpointId);
  await withTransaction(ctx.db, async (tx) => {
    await tx.delete(webhookEndpoints).where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, 'webhookEndpoint.deleted', endpointId, { url: row.url });
  });
}

/** Admins only: the signing secret, in plain text. Audited (who saw it, when). */
export async function revealWebhookEndpointSecret({ ctx, endpointId }: { ctx: WorkspaceCtx; endpointId: string }): Promise<string> {
  assertRole(ctx, 'admin');
  const row = await ownEndpoint(ctx, endpointId);
  await writeAudit(ctx.db, ctx, 'webhookEndpoint.secretRevealed', endpointId);
  return decryptSecret(row.secretEnc);
}

/** Admins only: a new signing secret, effective for the next attempt (including retries). */
export async function rotateWebhookEndpointSecret({ ctx, endpointId }: { ctx: WorkspaceCtx; endpointId: string }): Promise<string> {
  assertRole(ctx, 'admin');
  await ownEndpoint(ctx, endpointId);
  const secret = newSigningSecret();
  await withTransaction(ctx.db, async (tx) => {
    await tx
      .update(webhookEndpoints)
      .set({ secretEnc: encryptSecret(secret), updatedAt: new Date() })
      .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, 'webhookEndpoint.secretRotated', endpointId);
  });
  return secret;
}

/**
 * "Send test": a `webhook.test` delivery to this endpoint only (enabled or not is its own
 * business: a test of a disabled endpoint is refused), delivered by the same job as real events.
 */
export async function sendWebhookTest({ ctx, endpointId }: { ctx: WorkspaceCtx; endpointId: string }): Promise<{ deliveryId: number }> {
  assertRole(ctx, 'admin');
  const endpoint = await ownEndpoint(ctx, endpointId);
  if (!endpoint.active) throw conflict('webhookOutDisabled');
  return withTransaction(ctx.db, async (tx) => {
    const eventId = randomUUID();
    const payload = webhookBody({
      eventId,
      type: TEST_EVENT,
      workspaceId: ctx.workspaceId,
      data: { test: true, endpointId, message: 'A test event from Pulse: your endpoint is reachable.' },
    }) as unknown as Record<string, unknown>;
    const [row] = await tx
      .insert(webhookDeliveries)
      .values({ workspaceId: ctx.workspaceId, endpointId, eventId, event: TEST_EVENT, payload, isTest: true })
      .returning({ id: webhookDeliveries.id });
    await enqueue(tx, { kind: WEBHOOK_DELIVER_KIND, key: webhookDeliverKey(row.id), payload: { deliveryId: row.id } });
    await writeAudit(tx, ctx, 'webhookEndpoint.tested', endpointId, { deliveryId: row.id });
    return { deliveryId: row.id };
  });
}

/**
 * "Retry now": a failed delivery goes back to pending with a fresh job due now; a pending one
 * waiting for its back-off is made due now. A succeeded delivery is not sent twice.
 */
export async function retryWebhookDelivery({ ctx, deliveryId }: { ctx: WorkspaceCtx; deliveryId: number }): Promise<void> {
  assertRole(ctx, 'admin');
  await withTransaction(ctx.db, async (tx) => {
    const [row] = await tx
      .select({ id: webhookDeliveries.id, status: webhookDeliveries.status, endpointId: webhookDeliveries.endpointId, active: webhookEndpoints.active })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.workspaceId, ctx.workspaceId)))
      .for('update');
    if (!row) throw notFound('webhookOutNotFound');
    if (row.status === 'succeeded') throw conflict('webhookOutAlreadyDelivered');
    if (!row.active) throw conflict('webhookOutDisabled');
    const key = webhookDeliverKey(row.id);
    await tx.update(webhookDeliveries).set({ status: 'pending', nextAttemptAt: new Date() }).where(eq(webhookDeliveries.id, row.id));
    const queued = await enqueue(tx, { kind: WEBHOOK_DELIVER_KIND, key, payload: { deliveryId: row.id } });
    if (queued === null) {
      // An open job waits for its back-off (or runs right now): make it due now.
      await tx.update(jobs).set({ runAt: sql`now()` }).where(and(eq(jobs.key, key), sql`${jobs.doneAt} is null`, sql`(${jobs.lockedUntil} is null or ${jobs.lockedUntil} < now())`));
    }
    await writeAudit(tx, ctx, 'webhookDelivery.retried', String(row.id), { endpointId: row.endpointId });
  });
}
