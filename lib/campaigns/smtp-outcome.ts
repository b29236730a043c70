import { smtpFailure } from '@/lib/mail/smtp-errors';
import type { ClaimedSend, SendOutcome } from './claims';
import type { ComposedMail } from './compose';
import type { CampaignTransport } from './transport';

type SmtpError = Error & { code?: string; responseCode?: number; syscall?: string };

/**
 * True only when the message certainly never reached the server: the TCP connect, DNS, TLS
 * set-up, greeting or login failed. Only then is sending it again safe.
 */
export function neverHandedOver(e: SmtpError): boolean {
  if (e.code === 'EPRIVATE' || e.code === 'EDNS' || e.code === 'EAUTH' || e.code === 'ETLS' || e.syscall === 'connect') return true;
  return /^connect E[A-Z]+|^Connection timeout$|^Greeting never received$/.test(e.message);
}

/**
 * One SMTP delivery and what it means for the row:
 * - accepted → `sent`;
 * - never handed over (server unreachable) → `pending` again, to be retried later;
 * - a 4xx/5xx reply → `failed` (the server said no; nothing was accepted);
 * - anything else (connection lost mid-transaction, timeout waiting for the reply) → `unknown`:
 *   the server may have accepted it, so it is never sent again.
 */
export async function sendOutcome(
  transport: Extract<CampaignTransport, { kind: 'smtp' }>,
  mail: ComposedMail,
  row: Pick<ClaimedSend, 'id' | 'token'>,
): Promise<SendOutcome> {
  const ref = { id: row.id, token: row.token };
  try {
    await transport.transporter.sendMail({
      from: transport.from,
      to: mail.to,
      replyTo: transport.replyTo ?? undefined,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      headers: mail.headers,
      messageId: mail.messageId,
    });
    return { ...ref, status: 'sent' };
  } catch (caught) {
    const e = (caught instanceof Error ? caught : new Error(String(caught))) as SmtpError;
    if (neverHandedOver(e)) return { ...ref, status: 'pending' };
    // Stored and shown as a key (lib/mail/smtp-errors), never the remote server's text.
    const error = smtpFailure(e);
    if (typeof e.responseCode === 'number' && e.responseCode >= 400) return { ...ref, status: 'failed', error };
    return { ...ref, status: 'unknown', error };
  }
}
