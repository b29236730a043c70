import dns from 'node:dns/promises';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { isPublicAddress, parseIpLiteral } from '@/lib/mail/smtp-guard';

/**
 * An endpoint URL is user-supplied, so Pulse must not be made to call its own network: the rule of
 * lib/mail/smtp-guard.ts (only global unicast addresses; loopback, private, link-local and cloud
 * metadata, CGNAT, unique-local, IPv4-embedding IPv6 forms are refused). Checked when an endpoint
 * is saved (a clear validation error) and again on every delivery, where the request then goes to
 * the checked address itself (the Host header and TLS SNI keep the name), so a DNS answer that
 * changes between check and connect cannot slip through.
 *
 * PULSE_WEBHOOK_ALLOW_PRIVATE=true lifts the rule and also allows plain http:// (tests, a local
 * demo receiver). Without it only https:// URLs are accepted.
 */
export const privateWebhooksAllowed = (): boolean => process.env.PULSE_WEBHOOK_ALLOW_PRIVATE === 'true';

export const MAX_WEBHOOK_URL_LENGTH = 2000;

/** Why a URL is refused; the i18n key under `errors.`. */
export type WebhookUrlProblem = 'webhookOutUrlInvalid' | 'webhookOutUrlHttps' | 'webhookOutUrlCredentials' | 'webhookOutUrlPrivate' | 'webhookOutUrlUnresolved';

export class WebhookUrlRefused extends Error {
  constructor(readonly problem: WebhookUrlProblem) {
    super(problem === 'webhookOutUrlPrivate' ? 'webhook URL is not a public address' : `webhook URL refused: ${problem}`);
  }
}

/** Syntax only (no DNS): a parsed http(s) URL, or the problem. */
export function checkWebhookUrlSyntax(raw: string): URL | WebhookUrlProblem {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) return 'webhookOutUrlInvalid';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'webhookOutUrlInvalid';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'webhookOutUrlInvalid';
  if (url.protocol === 'http:' && !privateWebhooksAllowed()) return 'webhookOutUrlHttps';
  if (url.username || url.password) return 'webhookOutUrlCredentials';
  if (!url.hostname) return 'webhookOutUrlInvalid';
  return url;
}

/**
 * The addresses the URL's host stands for, every one of them checked (unless private addresses are
 * allowed). Throws WebhookUrlRefused (private, or the name does not resolve).
 */
export async function resolveWebhookHost(url: URL): Promise<{ address: string; family: 4 | 6 }[]> {
  const literal = parseIpLiteral(url.hostname);
  let addresses: string[];
  if (literal) addresses = [literal];
  else {
    try {
      addresses = (await dns.lookup(url.hostname, { all: true, verbatim: true })).map((a) => ipaddr.process(a.address).toString());
    } catch {
      throw new WebhookUrlRefused('webhookOutUrlUnresolved');
    }
  }
  if (addresses.length === 0) throw new WebhookUrlRefused('webhookOutUrlUnresolved');
  if (!privateWebhooksAllowed() && !addresses.every(isPublicAddress)) throw new WebhookUrlRefused('webhookOutUrlPrivate');
  return addresses.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
}

/** Save-time check: the normalised URL, or throws WebhookUrlRefused. */
export async function assertWebhookUrl(raw: string): Promise<string> {
  const url = checkWebhookUrlSyntax(raw.trim());
  if (typeof url === 'string') throw new WebhookUrlRefused(url);
  await resolveWebhookHost(url);
  return url.toString();
}
