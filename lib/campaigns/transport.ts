import nodemailer, { type Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { Db } from '@/lib/db/client';
import { smtpSocket } from '@/lib/mail/smtp-guard';
import { resolveMailRoute } from '@/lib/mail/transport';

/**
 * Where a campaign's mail goes, by the same rule as every other mail (lib/mail/transport:
 * workspace SMTP → SMTP_URL → outbox), but as a POOLED transport: `maxConnections` open SMTP
 * connections reused across messages, kept per worker and closed when it stops.
 */
export type CampaignTransport =
  | { kind: 'smtp'; transporter: Transporter; from: string; replyTo: string | null }
  | { kind: 'outbox'; from: string; replyTo: string | null };

const CONNECTION_TIMEOUT_MS = 10_000;

/** Pool settings of campaign sending (exported for bench/send.mjs, so its baseline sends alike). */
export const pooledSmtpOptions = (maxConnections: number, guard = false) => ({
  pool: true as const,
  maxConnections,
  maxMessages: 100,
  connectionTimeout: CONNECTION_TIMEOUT_MS,
  greetingTimeout: 10_000,
  // Lower than nodemailer's 10 minutes, and well under the claim lease (PULSE_SEND_LEASE_SECONDS).
  socketTimeout: 60_000,
  // TCP_NODELAY always; a workspace's own host is also checked against private addresses.
  getSocket: smtpSocket({ guard, timeoutMs: CONNECTION_TIMEOUT_MS }),
});

export class TransportCache {
  private pools = new Map<string, Transporter>();
  constructor(private readonly maxConnections: number) {}

  async forWorkspace(db: Db, workspaceId: string): Promise<CampaignTransport> {
    const route = await resolveMailRoute(db, workspaceId);
    if (route.kind === 'outbox') return { kind: 'outbox', from: route.from, replyTo: route.replyTo };

    // The key changes when the settings do, so an edited password takes effect on the next pass.
    const own = route.kind === 'workspace';
    const key = own ? `ws:${workspaceId}:${route.version}` : `env:${route.url}`;
    let transporter = this.pools.get(key);
    if (!transporter) {
      for (const [k, t] of this.pools) {
        if (k.startsWith(own ? `ws:${workspaceId}:` : 'env:')) {
          t.close();
          this.pools.delete(k);
        }
      }
      const options: SMTPPool.Options = {
        ...(own ? route.smtp : (parseConnectionUrl(route.url) as SMTPPool.Options)),
        ...pooledSmtpOptions(this.maxConnections, own),
      };
      transporter = nodemailer.createTransport(options);
      this.pools.set(key, transporter);
    }
    return { kind: 'smtp', transporter, from: route.from, replyTo: route.replyTo };
  }

  close(): void {
    for (const t of this.pools.values()) t.close();
    this.pools.clear();
  }
}
