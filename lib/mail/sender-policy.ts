import addressparser from 'nodemailer/lib/addressparser';

/**
 * Who mail through the server-wide relay (SMTP_URL) may claim to be from. The relay is the
 * operator's, so its reputation and SPF/DKIM are theirs: a workspace may put its own From address
 * on such mail only when the address's domain is one the operator lists in
 * PULSE_ALLOWED_FROM_DOMAINS (comma-separated, exact domains). Otherwise the mail goes from
 * MAIL_FROM, shows the workspace's name, and replies go to the workspace's address.
 * Pulse has no domain verification for workspaces (yet), so the operator's list is the only way.
 * A workspace's own SMTP server is its own business and keeps its From as set.
 */
export const DEFAULT_FROM = 'Pulse <no-reply@pulse.localhost>';

export function allowedFromDomains(): Set<string> {
  const list = (process.env.PULSE_ALLOWED_FROM_DOMAINS ?? '').split(',').map((d) => d.trim().toLowerCase().replace(/\.$/, ''));
  return new Set(list.filter(Boolean));
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).trim().toLowerCase().replace(/\.$/, '');
}

/** A display name that cannot break the header or pass for an address. */
export const displayName = (name: string): string => name.replace(/[\r\n"\\<>@]/g, ' ').replace(/\s+/g, ' ').trim();

export function formatFrom(name: string | null | undefined, address: string): string {
  const clean = name ? displayName(name) : '';
  return clean ? `"${clean}" <${address}>` : address;
}

/** The operator's sender address (MAIL_FROM, else Pulse's default). */
export function operatorFromAddress(): string {
  const raw = process.env.MAIL_FROM || DEFAULT_FROM;
  const [first] = addressparser(raw, { flatten: true });
  return first?.address || 'no-reply@pulse.localhost';
}

export interface SenderIdentity {
  fromName: string | null;
  fromEmail: string | null;
  replyTo: string | null;
  workspaceName: string;
}

/** From and Reply-To for mail through the operator's relay. */
export function relaySender(id: SenderIdentity): { from: string; replyTo: string | null } {
  const own = id.fromEmail;
  const operator = operatorFromAddress();
  if (own && (allowedFromDomains().has(domainOf(own)) || domainOf(own) === domainOf(operator))) {
    return { from: formatFrom(id.fromName, own), replyTo: id.replyTo };
  }
  return { from: formatFrom(id.workspaceName, operator), replyTo: id.replyTo ?? own };
}
