import dns from 'node:dns/promises';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * A workspace's SMTP host must not reach the server's own network: loopback, private, link-local
 * (cloud metadata), CGNAT, unique-local, multicast, unspecified, reserved, and IPv6 forms that
 * embed an IPv4 address (mapped, NAT64, 6to4, Teredo). Only global unicast passes. Checked on every
 * address a name resolves to, and the connection then goes to the checked address itself, so a
 * DNS answer that changes between check and connect cannot slip through.
 *
 * PULSE_SMTP_ALLOW_PRIVATE=true lifts the rule (a relay on the operator's own network, tests, demo).
 * The server-wide SMTP_URL is the operator's own choice and is never checked.
 */
export const privateSmtpAllowed = (): boolean => process.env.PULSE_SMTP_ALLOW_PRIVATE === 'true';

/** Thrown before any connection is made; `code` lets the error mapping name it. */
export class SmtpAddressRefused extends Error {
  readonly code = 'EPRIVATE';
  constructor(readonly host: string) {
    super('SMTP host is not a public address');
  }
}

/** The address in canonical form (IPv4-mapped IPv6 unwrapped), or null when `host` is not an IP in any spelling. */
export function parseIpLiteral(host: string): string | null {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(bare)) return null;
  return ipaddr.process(bare).toString();
}

/** True only for global unicast addresses. */
export function isPublicAddress(ip: string): boolean {
  try {
    return ipaddr.process(ip).range() === 'unicast';
  } catch {
    return false;
  }
}

/**
 * Every address `host` stands for (an IP literal in any spelling, or a name looked up once), each
 * checked unless private addresses are allowed. Throws SmtpAddressRefused, or the DNS error.
 */
export async function resolveSmtpHost(host: string): Promise<string[]> {
  const literal = parseIpLiteral(host);
  const addresses = literal ? [literal] : (await dns.lookup(host, { all: true, verbatim: true })).map((a) => ipaddr.process(a.address).toString());
  if (addresses.length === 0) throw Object.assign(new Error('no address'), { code: 'ENOTFOUND' });
  if (!privateSmtpAllowed() && !addresses.every(isPublicAddress)) throw new SmtpAddressRefused(host);
  return addresses;
}

type SocketCallback = (err: Error | null, socketOptions?: { connection: net.Socket }) => void;

/**
 * nodemailer `getSocket`: opens the TCP connection itself. `guard` resolves and checks the host
 * first (workspace SMTP); nodemailer keeps the configured name as `host`, so TLS (465 or STARTTLS)
 * still sends it as SNI and verifies the certificate against it.
 *
 * Also sets TCP_NODELAY: nodemailer leaves Nagle's algorithm on, so small command writes wait for
 * the server's delayed ACK (~40 ms each on Linux), capping a connection at ~22 mails/s.
 */
export function smtpSocket({ guard, timeoutMs }: { guard: boolean; timeoutMs: number }) {
  return (options: { host?: string; port?: number }, callback: SocketCallback): void => {
    const host = options.host ?? 'localhost';
    const port = options.port ?? 587;
    let finished = false;
    let socket: net.Socket | undefined;
    const done = (err: Error | null) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      if (err) {
        socket?.destroy();
        callback(err);
      } else {
        socket!.off('error', done);
        callback(null, { connection: socket! });
      }
    };
    const timer = setTimeout(() => done(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })), timeoutMs);
    const target = guard ? resolveSmtpHost(host).then((a) => a[0]) : Promise.resolve(host);
    target.then(
      (address) => {
        if (finished) return;
        socket = net.connect({ host: address, port });
        socket.setNoDelay(true);
        socket.once('connect', () => done(null));
        socket.once('error', done);
      },
      (err: Error) => done(err),
    );
  };
}
