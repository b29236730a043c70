import { eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { decryptSecret } from '@/lib/crypto';
import type { Db } from '@/lib/db/client';
import { sendingSettings, workspaces } from '@/lib/db/schema';
import { DEFAULT_FROM, formatFrom, relaySender } from './sender-policy';
import { smtpSocket } from './smtp-guard';

export type ResolvedTransport = { replyTo: string | null } & ({ kind: 'smtp'; transporter: Transporter; from: string } | { kind: 'outbox'; from: string });

let envTransporter: Transporter | undefined;

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
  const [row] = await db
    .select({ s: sendingSettings, workspaceName: workspaces.name })
    .from(workspaces)
    .leftJoin(sendingSettings, eq(sendingSettings.workspaceId, workspaces.id))
    .where(eq(workspaces.id, workspaceId))
    .limit(1);
  const s = row?.s;
  const from = s?.fromEmail ? formatFrom(s.fromName, s.fromEmail) : (process.env.MAIL_FROM ?? DEFAULT_FROM);
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
  if (process.env.SMTP_URL) {
    // The operator's relay: the workspace's From only for domains the operator allows (sender-policy).
    const sender = relaySender({ fromName: s?.fromName ?? null, fromEmail: s?.fromEmail ?? null, replyTo, workspaceName: row?.workspaceName ?? '' });
    return { kind: 'server', ...sender, url: process.env.SMTP_URL };
  }
  return { kind: 'outbox', from, replyTo };
}

/** A transport for one-off mail (invitations, tests): a fresh connection, or the shared SMTP_URL one. */
export async function resolveTransport(db: Db, workspaceId: string): Promise<ResolvedTransport> {
  const route = await resolveMailRoute(db, workspaceId);
  if (route.kind === 'workspace') {
    // The guarded socket refuses private addresses (lib/mail/smtp-guard) before connecting.
    const transporter = nodemailer.createTransport({
      ...route.smtp,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      getSocket: smtpSocket({ guard: true, timeoutMs: 10_000 }),
    });
    return { kind: 'smtp', transporter, from: route.from, replyTo: route.replyTo };
  }
  if (route.kind === 'server') {
    envTransporter ??= nodemailer.createTransport(route.url);
    return { kind: 'smtp', transporter: envTransporter, from: route.from, replyTo: route.replyTo };
  }
  return { kind: 'outbox', from: route.from, replyTo: route.replyTo };
}
