import { eq } from 'drizzle-orm';
import { encryptSecret } from '@/lib/crypto';
import { writeAudit } from '@/lib/db/audit';
import { sendingSettings, users } from '@/lib/db/schema';
import type { SendingSettingsInput } from '@/lib/db/schema/workspaces/validation';
import { withTransaction } from '@/lib/db/transaction';
import { invalid } from '@/lib/errors';
import { sendMail } from '@/lib/mail/send';
import { resolveSmtpHost, SmtpAddressRefused } from '@/lib/mail/smtp-guard';
import { testMail } from '@/lib/mail/templates/invitation';
import { assertRole, type WorkspaceCtx } from './context';
import { getWorkspace } from './get';

export async function getSendingSettings(ctx: WorkspaceCtx) {
  assertRole(ctx, 'admin');
  const [s] = await ctx.db.select().from(sendingSettings).where(eq(sendingSettings.workspaceId, ctx.workspaceId)).limit(1);
  if (!s) return null;
  const { smtpPasswordEnc, ...rest } = s;
  // The stored password never leaves the server; the form only learns whether one is set.
  return { ...rest, hasPassword: Boolean(smtpPasswordEnc) };
}

/**
 * Refuses, when saving, a host that is or resolves to a private address (lib/mail/smtp-guard).
 * Only a courtesy: every connection is checked again. A name that does not resolve (yet) is kept.
 */
async function assertPublicSmtpHost(host: string | null | undefined): Promise<void> {
  if (!host) return;
  const lookup = resolveSmtpHost(host).then(
    () => null,
    (e: unknown) => e,
  );
  const outcome = await Promise.race([lookup, new Promise((r) => setTimeout(r, 3000, null))]);
  if (outcome instanceof SmtpAddressRefused) throw invalid('smtpHostPrivate');
}

export async function updateSending({ ctx, input }: { ctx: WorkspaceCtx; input: SendingSettingsInput }) {
  assertRole(ctx, 'admin');
  await assertPublicSmtpHost(input.smtpHost);
  await withTransaction(ctx.db, async (tx) => {
    const values = {
      fromName: input.fromName ?? null,
      fromEmail: input.fromEmail ?? null,
      replyTo: input.replyTo ?? null,
      smtpHost: input.smtpHost ?? null,
      smtpPort: input.smtpPort ?? null,
      smtpSecure: input.smtpSecure,
      smtpUser: input.smtpUser ?? null,
      updatedAt: new Date(),
      ...(input.clearPassword ? { smtpPasswordEnc: null } : {}),
      ...(input.smtpPassword && !input.clearPassword ? { smtpPasswordEnc: encryptSecret(input.smtpPassword) } : {}),
    };
    await tx
      .insert(sendingSettings)
      .values({ workspaceId: ctx.workspaceId, ...values })
      .onConflictDoUpdate({ target: sendingSettings.workspaceId, set: values });
    await writeAudit(tx, ctx, 'workspace.sending.updated', ctx.workspaceId, { smtpHost: values.smtpHost });
  });
}

/** Sends through exactly the path real mail takes, so a success here means sending works. */
export async function sendTestEmail({ ctx, input }: { ctx: WorkspaceCtx; input: { to?: string } }) {
  assertRole(ctx, 'admin');
  const ws = await getWorkspace(ctx);
  let to = input.to;
  if (!to) {
    const [me] = await ctx.db.select({ email: users.email }).from(users).where(eq(users.id, ctx.userId)).limit(1);
    to = me.email;
  }
  const mail = testMail({ locale: ws.locale, workspaceName: ws.name });
  return sendMail(ctx.db, { workspaceId: ws.id, kind: 'test', to, ...mail });
}
