/**
 * What went wrong with an SMTP delivery, in words a user can act on. The remote server's own text
 * (a banner, a reply line) never reaches the user: it could be anything the host answers, e.g. an
 * SSH banner. Keys live under `smtpErrors.` in lib/i18n/messages; raw details go to the server log.
 */
export const SMTP_FAILURES = ['blocked', 'hostNotFound', 'refused', 'timeout', 'auth', 'tls', 'rejected', 'notSmtp', 'lost', 'failed'] as const;
export type SmtpFailure = (typeof SMTP_FAILURES)[number];

type SmtpError = Partial<Error> & { code?: string; responseCode?: number; command?: string; syscall?: string };

const TLS_CODE = /^(ETLS|ERR_SSL|ERR_TLS|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME_MISMATCH|ERR_OSSL)/;

export function smtpFailure(caught: unknown): SmtpFailure {
  const e = (caught && typeof caught === 'object' ? caught : {}) as SmtpError;
  const code = e.code ?? '';
  const message = e.message ?? '';
  if (code === 'EPRIVATE') return 'blocked';
  // Whatever answered is not an SMTP server (its reply is in the message: checked before any text match).
  if (code === 'EPROTOCOL') return 'notSmtp';
  if (code === 'EDNS' || /^(ENOTFOUND|EAI_|ENODATA|ESERVFAIL)/.test(code) || /getaddrinfo|ENOTFOUND|EAI_AGAIN/.test(message)) return 'hostNotFound';
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message)) return 'refused';
  if (code === 'EAUTH' || e.responseCode === 535 || e.responseCode === 534 || e.responseCode === 530) return 'auth';
  if (TLS_CODE.test(code) || /\b(TLS|SSL)\b|certificate|wrong version number/i.test(message)) return 'tls';
  if (code === 'ETIMEDOUT' || /timeout|timed out|Greeting never received/i.test(message)) return 'timeout';
  if (/^(EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL)$/.test(code) || /EHOSTUNREACH|ENETUNREACH/.test(message)) return 'refused';
  if (code === 'ECONNRESET' || /ECONNRESET|EPIPE|Connection closed/i.test(message)) return 'lost';
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) return 'rejected';
  return 'failed';
}

/** A stored or received failure key, or `failed` for anything else (e.g. rows from before the mapping). */
export const smtpFailureKey = (value: string | null | undefined): SmtpFailure =>
  (SMTP_FAILURES as readonly string[]).includes(value ?? '') ? (value as SmtpFailure) : 'failed';
