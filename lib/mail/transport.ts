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

export interface SmtpServer {
  host: string;
  port: number;
  secure: boolean;
  auth?: { user: string; pass: string };
}

/**
 * Where a workspace's mail goes: its own SMTP settings, else the server's `SMTP_URL`, else the
 * outbox table (shown at Settings → Outbox). One settings read; no connection is made here, so
 * one-off mail (resolveTransport) and pooled campaign sending (lib/campaigns/transport) share it.
 */
export type MailRoute = { from: string; replyTo: string | null } & (
  | { kind: 'workspace'; smtp: SmtpServer; /** changes whenever the settings do */ version: number }
  | { kind: 'server'; url: string }
  | { kind: 'outbox' }
);

export async function resolveMailRoute(db: Db, workspaceId: string): Promise<MailRoute> {
  const [s] = await db.select().from(sendingSettings).where(eq(sendingSettings.workspaceId, workspaceId)).limit(1);
  const from = formatFrom(s?.fromName ?? null, s?.fromEmail ?? null) ?? process.env.MAIL_FROM ?? DEFAULT_FROM;
  const replyTo = s?.replyTo ?? null;
  if (s?.smtpHost) {
    const smtp: SmtpServer = {
      host: s.smtpHost,
      port: s.smtpPort ?? (s.smtpSecure ? 465 : 587),
      secure: s.smtpSecure,
      auth: s.smtpUser ? { user: s.smtpUser, pass: s.smtpPasswordEnc ? decryptSecret(s.smtpPasswordEnc) : '' } : undefined,
    };
    return { kind: 'workspace', from, replyTo, smtp, version: s.updatedAt.getTime() };
  }
  if (process.env.SMTP_URL) return { kind: 'server', from, replyTo, url: process.env.SMTP_URL };
  return { kind: 'outbox', from, replyTo };
}

/** A transport for one-off mail (invitations, tests): a fresh connection, or the shared SMTP_URL one. */
export async function resolveTransport(db: Db, workspaceId: string): Promise<ResolvedTransport> {
  const route = await resolveMailRoute(db, workspaceId);
  if (route.kind === 'workspace') {
    const transporter = nodemailer.createTransport({ ...route.smtp, connectionTimeout: 10_000, greetingTimeout: 10_000 });
    return { kind: 'smtp', transporter, from: route.from };
  }
  if (route.kind === 'server') {
    envTransporter ??= nodemailer.createTransport(route.url);
    return { kind: 'smtp', transporter: envTransporter, from: route.from };
  }
  return { kind: 'outbox', from: route.from };
}
