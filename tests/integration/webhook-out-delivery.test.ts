import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptSecret } from '@/lib/crypto';
import { auditLog, jobs, webhookDeliveries, webhookEndpoints } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { backoffMs, JOB_DEFAULTS } from '@/lib/jobs/queue';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  retryWebhookDelivery,
  revealWebhookEndpointSecret,
  rotateWebhookEndpointSecret,
  sendWebhookTest,
  setWebhookEndpointActive,
} from '@/lib/webhooks/outgoing/endpoints';
import { verifySignature } from '@/lib/webhooks/outgoing/signature';
import type { WorkspaceCtx } from '@/lib/workspaces/context';
import { addMember, ctxFor, makeUser } from './support/factories';
import { setupIsolatedDb } from './support/sending';
import { deliveryRow, openJobOf, passBackoff, runDeliveryJob, startReceiver, withoutPrivateAddresses } from './support/webhook-out';

// Test receivers listen on 127.0.0.1: allowed here, switched off where the SSRF rule is tested.
process.env.PULSE_WEBHOOK_ALLOW_PRIVATE = 'true';

const { db } = setupIsolatedDb();

let owner: WorkspaceCtx;
let other: WorkspaceCtx;
beforeAll(async () => {
  const a = await makeUser(db(), { workspaceName: 'Hooks A' });
  owner = await ctxFor(db(), a.user.id, a.workspace.id);
  const b = await makeUser(db(), { workspaceName: 'Hooks B' });
  other = await ctxFor(db(), b.user.id, b.workspace.id);
});

const receivers: { close: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const r of receivers) await r.close();
});
async function receiver(opts?: Parameters<typeof startReceiver>[0]) {
  const r = await startReceiver(opts);
  receivers.push(r);
  return r;
}

async function endpointTo(url: string, ctx = owner, events = ['survey.answered' as const]) {
  const { id } = await createWebhookEndpoint({ ctx, input: { url, events, description: 'test receiver' } });
  return id;
}

const errorKey = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.messageKey;
    throw e;
  }
  return 'no error';
};

describe('send test: a real POST to a real listener, signed', () => {
  it('delivers the test event with the headers and a signature that verifies with the secret only', async () => {
    const r = await receiver();
    const endpointId = await endpointTo(r.url);
    const [stored] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(stored.secretEnc).not.toContain('whsec_');
    const secret = await revealWebhookEndpointSecret({ ctx: owner, endpointId });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(decryptSecret(stored.secretEnc)).toBe(secret);

    const { deliveryId } = await sendWebhookTest({ ctx: owner, endpointId });
    expect(await deliveryRow(db(), deliveryId)).toMatchObject({ status: 'pending', attempts: 0, isTest: true, event: 'webhook.test' });
    expect(await runDeliveryJob(db(), deliveryId)).toBe('done');

    expect(r.received).toHaveLength(1);
    const [hook] = r.received;
    expect(hook.method).toBe('POST');
    expect(hook.path).toBe('/hooks');
    expect(hook.headers['content-type']).toBe('application/json');
    expect(hook.headers['user-agent']).toBe('Pulse-Webhooks/1');
    expect(hook.headers['pulse-event-type']).toBe('webhook.test');
    const body = JSON.parse(hook.body);
    expect(body).toMatchObject({ type: 'webhook.test', workspaceId: owner.workspaceId, data: { test: true, endpointId } });
    expect(hook.headers['pulse-event-id']).toBe(body.id);
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
    const ts = Number(hook.headers['pulse-timestamp']);
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(60);
    const signature = String(hook.headers['pulse-signature']);
    expect(signature).toMatch(new RegExp(`^t=${ts},v1=[0-9a-f]{64}$`));
    expect(verifySignature(secret, signature, hook.body, ts)).toBe(true);
    expect(verifySignature(secret, signature, hook.body, ts + 6 * 60)).toBe(false);
    const rotated = await rotateWebhookEndpointSecret({ ctx: owner, endpointId });
    expect(rotated).not.toBe(secret);
    expect(verifySignature(rotated, signature, hook.body, ts)).toBe(false);

    const row = await deliveryRow(db(), deliveryId);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(row.deliveredAt).toBeInstanceOf(Date);
    expect(await openJobOf(db(), deliveryId)).toBeNull();
    const log = await listWebhookDeliveries(owner, endpointId);
    expect(log.map((d) => d.id)).toEqual([deliveryId]);
    const audits = await db().select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.workspaceId, owner.workspaceId), eq(auditLog.target, endpointId)));
    expect(audits.map((a) => a.action).sort()).toEqual(['webhookEndpoint.created', 'webhookEndpoint.secretRevealed', 'webhookEndpoint.secretRotated', 'webhookEndpoint.tested']);
  });
});

describe('retries from the job queue with its back-off', () => {
  it('500, 500, then 200: three attempts logged with growing pauses, then succeeded', async () => {
    const r = await receiver({ script: [500, 500] });
    const endpointId = await endpointTo(r.url);
    const { deliveryId } = await sendWebhookTest({ ctx: owner, endpointId });

    const t1 = Date.now();
    expect(await runDeliveryJob(db(), deliveryId)).toBe('retry');
    let row = await deliveryRow(db(), deliveryId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    expect(row.lastError).toMatch(/^HTTP 500/);
    expect(row.lastError!.length).toBeLessThan(300);
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(t1 + backoffMs(1) - 1000);
    let job = await openJobOf(db(), deliveryId);
    expect(job!.runAt.getTime()).toBeGreaterThanOrEqual(t1 + backoffMs(1) - 1000);
    // Not due before its back-off: nothing is sent.
    expect(await runDeliveryJob(db(), deliveryId)).toBe('none');
    expect(r.received).toHaveLength(1);

    await passBackoff(db(), deliveryId);
    const t2 = Date.now();
    expect(await runDeliveryJob(db(), deliveryId)).toBe('retry');
    row = await deliveryRow(db(), deliveryId);
    expect(row).toMatchObject({ status: 'pending', attempts: 2, lastStatusCode: 500 });
    job = await openJobOf(db(), deliveryId);
    expect(backoffMs(2)).toBe(2 * backoffMs(1));
    expect(job!.runAt.getTime()).toBeGreaterThanOrEqual(t2 + backoffMs(2) - 1000);

    await passBackoff(db(), deliveryId);
    expect(await runDeliveryJob(db(), deliveryId)).toBe('done');
    row = await deliveryRow(db(), deliveryId);
    expect(row).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(r.received).toHaveLength(3);
    // Every attempt carries the same event id and body, each signed with its own timestamp.
    expect(new Set(r.received.map((h) => h.body)).size).toBe(1);
    expect(new Set(r.received.map((h) => h.headers['pulse-event-id'])).size).toBe(1);
  });

  it('a receiver that keeps failing: failed after the last attempt, the job closed; "Retry now" sends it again', async () => {
    const r = await receiver({ fallback: 503 });
    const endpointId = await endpointTo(r.url);
    const { deliveryId } = await sendWebhookTest({ ctx: owner, endpointId });
    for (let i = 1; i < JOB_DEFAULTS.maxAttempts; i++) {
      expect(await runDeliveryJob(db(), deliveryId)).toBe('retry');
      await passBackoff(db(), deliveryId);
    }
    expect(await runDeliveryJob(db(), deliveryId)).toBe('dead');
    const row = await deliveryRow(db(), deliveryId);
    expect(row).toMatchObject({ status: 'failed', attempts: JOB_DEFAULTS.maxAttempts, lastStatusCode: 503, nextAttemptAt: null });
    expect(await openJobOf(db(), deliveryId)).toBeNull();
    expect(r.received).toHaveLength(JOB_DEFAULTS.maxAttempts);

    await retryWebhookDelivery({ ctx: owner, deliveryId });
    expect(await deliveryRow(db(), deliveryId)).toMatchObject({ status: 'pending' });
    expect(await runDeliveryJob(db(), deliveryId)).toBe('retry');
    expect(await deliveryRow(db(), deliveryId)).toMatchObject({ status: 'pending', attempts: JOB_DEFAULTS.maxAttempts + 1 });
    expect(r.received).toHaveLength(JOB_DEFAULTS.maxAttempts + 1);
  });

  it('a redirect is not followed, a refused connection is an error: both retried', async () => {
    const target = await receiver();
    const r = await receiver({
      respond: (_req, res) => {
        res.writeHead(302, { location: target.url });
        res.end();
        return true;
      },
    });
    const endpointId = await endpointTo(r.url);
    const { deliveryId } = await sendWebhookTest({ ctx: owner, endpointId });
    expect(await runDeliveryJob(db(), deliveryId)).toBe('retry');
    expect(await deliveryRow(db(), deliveryId)).toMatchObject({ status: 'pending', lastStatusCode: 302 });
    expect(target.received).toHaveLength(0);

    const gone = await startReceiver();
    await gone.close();
    const closedId = await endpointTo(gone.url);
    const test = await sendWebhookTest({ ctx: owner, endpointId: closedId });
    expect(await runDeliveryJob(db(), test.deliveryId)).toBe('retry');
    const row = await deliveryRow(db(), test.deliveryId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(row.lastError).toMatch(/ECONNREFUSED/);
  });
});

describe('SSRF: private, loopback, link-local and metadata addresses are refused', () => {
  it('on save, with a clear error, unless PULSE_WEBHOOK_ALLOW_PRIVATE=true', async () => {
    await withoutPrivateAddresses(async () => {
      for (const url of [
        'https://127.0.0.1/hook',
        'https://localhost/hook',
        'https://10.1.2.3/hook',
        'https://192.168.0.10/hook',
        'https://169.254.169.254/latest/meta-data/',
        'https://[::1]/hook',
        'https://[::ffff:127.0.0.1]/hook',
        'https://[fd00::1]/hook',
        'https://2130706433/hook',
        'https://100.64.0.1/hook',
      ]) {
        expect([url, await errorKey(endpointTo(url))]).toEqual([url, 'webhookOutUrlPrivate']);
      }
      expect(await errorKey(endpointTo('http://93.184.215.14/hook'))).toBe('webhookOutUrlHttps');
      expect(await errorKey(endpointTo('https://user:pw@93.184.215.14/hook'))).toBe('webhookOutUrlCredentials');
      expect(await errorKey(endpointTo('ftp://93.184.215.14/hook'))).toBe('webhookOutUrlInvalid');
      expect(await errorKey(endpointTo('https://no-such-host.invalid/hook'))).toBe('webhookOutUrlUnresolved');
      // A public address literal is accepted (nothing is sent on save).
      expect(await errorKey(endpointTo('https://93.184.215.14/hook'))).toBe('no error');
    });
  });

  it('at send time too: an endpoint saved while allowed is refused once the rule applies, nothing reaches it', async () => {
    const r = await receiver();
    const endpointId = await endpointTo(r.url);
    const { deliveryId } = await sendWebhookTest({ ctx: owner, endpointId });
    await withoutPrivateAddresses(async () => {
      expect(await runDeliveryJob(db(), deliveryId)).toBe('retry');
    });
    const row = await deliveryRow(db(), deliveryId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(row.lastError).toMatch(/not a public address/);
    expect(r.received).toHaveLength(0);
  });
});

describe('roles and tenants', () => {
  it('viewers and members read but cannot manage; another workspace cannot see or touch endpoints and logs', async () => {
    const r = await receiver();
    const endpointId = await endpointTo(r.url);
    const { deliveryId } = await sendWebhookTest({ ctx: owner, endpointId });
    for (const role of ['viewer', 'member'] as const) {
      const m = await addMember(db(), owner.workspaceId, role);
      const ctx = await ctxFor(db(), m.id, owner.workspaceId);
      expect((await listWebhookEndpoints(ctx)).map((e) => e.id)).toContain(endpointId);
      expect((await listWebhookDeliveries(ctx, endpointId)).map((d) => d.id)).toContain(deliveryId);
      expect(await errorKey(endpointTo(r.url, ctx))).toBe('adminOnly');
      expect(await errorKey(revealWebhookEndpointSecret({ ctx, endpointId }))).toBe('adminOnly');
      expect(await errorKey(rotateWebhookEndpointSecret({ ctx, endpointId }))).toBe('adminOnly');
      expect(await errorKey(sendWebhookTest({ ctx, endpointId }))).toBe('adminOnly');
      expect(await errorKey(setWebhookEndpointActive({ ctx, endpointId, active: false }))).toBe('adminOnly');
      expect(await errorKey(deleteWebhookEndpoint({ ctx, endpointId }))).toBe('adminOnly');
      expect(await errorKey(retryWebhookDelivery({ ctx, deliveryId }))).toBe('adminOnly');
    }
    const admin = await addMember(db(), owner.workspaceId, 'admin');
    const adminCtx = await ctxFor(db(), admin.id, owner.workspaceId);
    expect(await revealWebhookEndpointSecret({ ctx: adminCtx, endpointId })).toMatch(/^whsec_/);

    expect((await listWebhookEndpoints(other)).map((e) => e.id)).not.toContain(endpointId);
    expect(await listWebhookDeliveries(other, endpointId)).toEqual([]);
    for (const attempt of [
      () => revealWebhookEndpointSecret({ ctx: other, endpointId }),
      () => rotateWebhookEndpointSecret({ ctx: other, endpointId }),
      () => sendWebhookTest({ ctx: other, endpointId }),
      () => setWebhookEndpointActive({ ctx: other, endpointId, active: false }),
      () => deleteWebhookEndpoint({ ctx: other, endpointId }),
      () => retryWebhookDelivery({ ctx: other, deliveryId }),
    ]) {
      expect(await errorKey(attempt())).toBe('webhookOutNotFound');
    }
    const [still] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(still.active).toBe(true);
  });

  it('disable refuses a test and fails a queued delivery without a request; delete removes the endpoint, its log and leaves its job harmless', async () => {
    const r = await receiver();
    const endpointId = await endpointTo(r.url);
    const { deliveryId } = await sendWebhookTest({ ctx: owner, endpointId });
    await setWebhookEndpointActive({ ctx: owner, endpointId, active: false });
    expect(await errorKey(sendWebhookTest({ ctx: owner, endpointId }))).toBe('webhookOutDisabled');
    expect(await runDeliveryJob(db(), deliveryId)).toBe('done');
    expect(await deliveryRow(db(), deliveryId)).toMatchObject({ status: 'failed', lastError: 'endpoint disabled' });
    expect(r.received).toHaveLength(0);

    await setWebhookEndpointActive({ ctx: owner, endpointId, active: true });
    const again = await sendWebhookTest({ ctx: owner, endpointId });
    await deleteWebhookEndpoint({ ctx: owner, endpointId });
    expect(await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId))).toEqual([]);
    expect(await runDeliveryJob(db(), again.deliveryId)).toBe('done');
    expect(r.received).toHaveLength(0);
    const [job] = await db().select().from(jobs).where(eq(jobs.key, `webhook.deliver:${again.deliveryId}`));
    expect(job.doneAt).toBeInstanceOf(Date);
  });
});
