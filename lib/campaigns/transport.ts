import net from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { Db } from '@/lib/db/client';
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

/**
 * nodemailer leaves Nagle's algorithm on: the small command writes then wait for the server's
 * delayed ACK (~40 ms each on Linux), capping a connection at ~22 mails/s even on localhost.
 * Opening the socket ourselves with TCP_NODELAY lifts that ~20-fold.
 */
function noDelaySocket(options: SMTPPool.Options, callback: (err: Error | null, socketOptions?: { connection: net.Socket }) => void) {
  const socket = net.connect({ host: options.host ?? 'localhost', port: options.port ?? 587 });
  socket.setNoDelay(true);
  const done = (err: Error | null) => {
    clearTimeout(timer);
    socket.off('connect', onConnect);
    socket.off('error', done);
    if (err) {
      socket.destroy();
      callback(err);
    } else callback(null, { connection: socket });
  };
  const onConnect = () => done(null);
  const timer = setTimeout(() => done(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })), CONNECTION_TIMEOUT_MS);
  socket.once('connect', onConnect);
  socket.once('error', done);
}

/** Pool settings of campaign sending (exported for bench/send.mjs, so its baseline sends alike). */
export const pooledSmtpOptions = (maxConnections: number) => ({
  pool: true as const,
  maxConnections,
  maxMessages: 100,
  connectionTimeout: CONNECTION_TIMEOUT_MS,
  greetingTimeout: 10_000,
  // Lower than nodemailer's 10 minutes, and well under the claim lease (PULSE_SEND_LEASE_SECONDS).
  socketTimeout: 60_000,
  getSocket: noDelaySocket,
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
        ...pooledSmtpOptions(this.maxConnections),
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
