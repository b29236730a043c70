import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';

/**
 * The connecting peer of a request, as the server saw it: scripts/server.ts stamps this header on
 * every request before Next.js (overwriting whatever a client sent). A request that arrived through
 * a proxy (it carries forwarding headers) is stamped `proxied`: its real origin is not loopback.
 */
export const PEER_HEADER = 'x-pulse-peer';
const FORWARDING = ['x-forwarded-for', 'x-forwarded-host', 'forwarded', 'x-real-ip'];

export function stampPeer(req: IncomingMessage): void {
  const proxied = FORWARDING.some((h) => req.headers[h] !== undefined);
  req.headers[PEER_HEADER] = proxied ? 'proxied' : (req.socket.remoteAddress ?? 'unknown');
}

export function isLoopbackAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() === 'loopback';
}

/** True only for a request the server stamped as coming straight from this machine. */
export function fromLoopback(headers: Headers): boolean {
  const peer = headers.get(PEER_HEADER);
  return peer !== null && isLoopbackAddress(peer);
}
