import { eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { decryptSecret } from '@/lib/crypto';
import type { Db } from '@/lib/db/client';
import { sendingSettings } from '@/lib/db/schema';

export type ResolvedTransport = { kind: 'smtp'; transporter: Transporter; from: string } | { kind: 'outbox'; from: string };

const DEFAULT_FROM = 'Pulse <no-reply@pulse.localhost>';
let envTransporter: Transporter | undefined;

function formatFrom(name: string | null, address: string | null): string | null {
  if (!address) return null;
  return name ? `"${name.replace(/["\\]/g, '')}" <${address}>` : address;
}

/**
 * Where a workspace's mail goes: its own SMTP settings, else the server's `SMTP_URL`, else the
 * outbox table (shown at Settings → Outbox).
 */
export async function resolveTransport(db: Db, workspaceId: string): Promise<ResolvedTransport> {
  const [s] = await db.select().from(sendingSettings).where(eq(sendingSettings.workspaceId, workspaceId)).limit(1);
  const from = formatFrom(s?.fromName ?? null, s?.fromEmail ?? null) ?? process.env.MAIL_FROM ?? DEFAULT_FROM;
  if (s?.smtpHost) {
    const transporter = nodemailer.createTransport({
      host: s.smtpHost,
      port: s.smtpPort ?? (s.smtpSecure ? 465 : 587),
      secure: s.smtpSecure,
      auth: s.smtpUser ? { user: s.smtpUser, pass: s.smtpPasswordEnc ? decryptSecret(s.smtpPasswordEnc) : '' } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
    });
    return { kind: 'smtp', transporter, from };
  }
  if (process.env.SMTP_URL) {
    envTransporter ??= nodemailer.createTransport(process.env.SMTP_URL);
    return { kind: 'smtp', transporter: envTransporter, from };
  }
  return { kind: 'outbox', from };
}
