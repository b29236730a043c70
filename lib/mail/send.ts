import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { mailMessages } from '@/lib/db/schema';
import { smtpFailure, type SmtpFailure } from './smtp-errors';
import { resolveTransport } from './transport';

export interface OutgoingMail {
  workspaceId: string;
  kind: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  replyTo?: string | null;
  /** Carries a one-time link: the outbox shows the body to its recipient only. */
  sensitive?: boolean;
}

export interface SendResult {
  id: string;
  status: 'sent' | 'failed';
  transport: 'smtp' | 'outbox';
  /** What went wrong, as a key under `smtpErrors.` (never the remote server's text). */
  error?: SmtpFailure;
}

/**
 * Records the mail, then delivers it. Call after the business transaction has committed: a
 * failed SMTP delivery is recorded as such and never rolls back what the mail was about.
 */
export async function sendMail(db: Db, mail: OutgoingMail): Promise<SendResult> {
  const transport = await resolveTransport(db, mail.workspaceId);
  const [row] = await db
    .insert(mailMessages)
    .values({
      workspaceId: mail.workspaceId,
      kind: mail.kind,
      sensitive: mail.sensitive ?? false,
      fromAddress: transport.from,
      toAddress: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      transport: transport.kind,
      status: transport.kind === 'outbox' ? 'sent' : 'queued',
      sentAt: transport.kind === 'outbox' ? new Date() : null,
    })
    .returning({ id: mailMessages.id });

  if (transport.kind === 'outbox') return { id: row.id, status: 'sent', transport: 'outbox' };
  try {
    await transport.transporter.sendMail({
      from: transport.from,
      to: mail.to,
      replyTo: mail.replyTo ?? transport.replyTo ?? undefined,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
    });
    await db.update(mailMessages).set({ status: 'sent', sentAt: new Date() }).where(eq(mailMessages.id, row.id));
    return { id: row.id, status: 'sent', transport: 'smtp' };
  } catch (e) {
    // The raw error (it may quote whatever the host answered) goes to the operator's log only.
    const error = smtpFailure(e);
    console.warn(`[mail] ${mail.kind} ${row.id} failed (${error}):`, e instanceof Error ? e.message.slice(0, 300) : e);
    await db.update(mailMessages).set({ status: 'failed', error }).where(eq(mailMessages.id, row.id));
    return { id: row.id, status: 'failed', transport: 'smtp', error };
  }
}
