import { createHash, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { decryptSecret, encryptSecret, randomToken } from '@/lib/crypto';
import { writeAudit } from '@/lib/db/audit';
import type { Db } from '@/lib/db/client';
import { webhookSecrets, workspaces } from '@/lib/db/schema';
import { withTransaction } from '@/lib/db/transaction';
import { assertRole, type WorkspaceCtx } from '@/lib/workspaces/context';

/**
 * The per-workspace secret an ESP presents when it posts bounces and complaints: 32 random bytes,
 * stored encrypted, shown to admins, rotated by them. A rotation keeps the previous secret valid
 * for PULSE_WEBHOOK_GRACE_HOURS (default 24), so events keep arriving while the ESP is updated.
 * A workspace without a secret yet (created before secrets were stored) gets one on first use.
 */
const graceMs = () => Number(process.env.PULSE_WEBHOOK_GRACE_HOURS || 24) * 3_600_000;

async function secretRow(db: Db, workspaceId: string) {
  const [row] = await db.select().from(webhookSecrets).where(eq(webhookSecrets.workspaceId, workspaceId)).limit(1);
  if (row) return row;
  const [ws] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  if (!ws) return null;
  await db.insert(webhookSecrets).values({ workspaceId, secretEnc: encryptSecret(randomToken()) }).onConflictDoNothing();
  const [created] = await db.select().from(webhookSecrets).where(eq(webhookSecrets.workspaceId, workspaceId)).limit(1);
  return created ?? null;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time: both sides are hashed first, so neither length nor content leaks through timing. */
function same(expected: string, presented: string): boolean {
  return timingSafeEqual(digest(expected), digest(presented));
}

/**
 * True when `presented` is the workspace's current secret, or its previous one within the grace
 * period. False for unknown workspaces too (the caller answers 401 either way).
 */
export async function verifyWebhookSecret(db: Db, workspaceId: string, presented: string | null | undefined, now = new Date()): Promise<boolean> {
  if (typeof presented !== 'string' || presented.length === 0 || presented.length > 200) return false;
  const row = await secretRow(db, workspaceId);
  if (!row) return false;
  const current = same(decryptSecret(row.secretEnc), presented);
  const previous = row.previousEnc !== null && row.previousValidUntil !== null && row.previousValidUntil > now && same(decryptSecret(row.previousEnc), presented);
  return current || previous;
}

/** Admins only: the secret to paste into the ESP, and until when the previous one still works. */
export async function getWebhookSecret(ctx: WorkspaceCtx): Promise<{ secret: string; previousValidUntil: Date | null; rotatedAt: Date }> {
  assertRole(ctx, 'admin');
  const row = await secretRow(ctx.db, ctx.workspaceId);
  if (!row) throw new Error('workspace has no webhook secret');
  const graceLeft = row.previousValidUntil && row.previousValidUntil > new Date() ? row.previousValidUntil : null;
  return { secret: decryptSecret(row.secretEnc), previousValidUntil: graceLeft, rotatedAt: row.rotatedAt };
}

/** Admins only: a new secret; the one it replaces keeps working for the grace period. */
export async function rotateWebhookSecret({ ctx }: { ctx: WorkspaceCtx }): Promise<{ previousValidUntil: Date }> {
  assertRole(ctx, 'admin');
  const existing = await secretRow(ctx.db, ctx.workspaceId);
  if (!existing) throw new Error('workspace has no webhook secret');
  const now = new Date();
  const previousValidUntil = new Date(now.getTime() + graceMs());
  await withTransaction(ctx.db, async (tx) => {
    await tx
      .update(webhookSecrets)
      .set({ secretEnc: encryptSecret(randomToken()), previousEnc: existing.secretEnc, previousValidUntil, rotatedAt: now })
      .where(eq(webhookSecrets.workspaceId, ctx.workspaceId));
    await writeAudit(tx, ctx, 'webhooks.secret.rotated', ctx.workspaceId, { previousValidUntil: previousValidUntil.toISOString() });
  });
  return { previousValidUntil };
}

/** Providers whose webhooks cannot send an Authorization header: only they may put the secret in the URL. */
export const QUERY_SECRET_PROVIDERS = ['sendgrid'] as const;

/**
 * The secret from `Authorization: Bearer <secret>`; from `?secret=` only for a provider named in
 * `?provider=` that needs it (a secret in a URL ends up in proxy and access logs).
 */
export function presentedSecret(request: Request): string | null {
  const auth = request.headers.get('authorization');
  const m = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
  if (m) return m[1];
  const params = new URL(request.url).searchParams;
  if (!(QUERY_SECRET_PROVIDERS as readonly string[]).includes(params.get('provider') ?? '')) return null;
  return params.get('secret') || null;
}
