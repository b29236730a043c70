/**
 * Sending knobs, read from the environment once per worker start. Per worker process:
 *
 * PULSE_SEND_RATE            mails per second (default 50; 0 = unthrottled). 50/s is 180,000 an
 *                            hour, inside what hosted relays (SES, Postmark, Mailgun) accept per
 *                            account by default and gentle on receiving providers' rate limits.
 * PULSE_SEND_CONCURRENCY     SMTP connections in the pool = mails in flight (default 5). Also the
 *                            most rows a crash can leave `unknown`.
 * PULSE_SEND_LEASE_SECONDS   after this long a claimed/attempting row of a silent worker is
 *                            recovered (default 300; must exceed the SMTP socket timeout of 60 s).
 * PULSE_SEND_RETRY_SECONDS   pause before retrying a campaign whose SMTP server was unreachable (30).
 * PULSE_AB_WAIT_MINUTES      test phase of an A/B test before the winner is picked (default 240).
 * PULSE_BASE_URL             origin of tracked links; default the origin the campaign was
 *                            scheduled from, else http://localhost:$PORT.
 */
export interface SendConfig {
  rate: number;
  concurrency: number;
  leaseMs: number;
  retryMs: number;
  abWaitMs: number;
}

function num(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name} must be a number ≥ ${min}, got "${raw}"`);
  return n;
}

export function sendConfigFromEnv(): SendConfig {
  return {
    rate: num('PULSE_SEND_RATE', 50, 0),
    concurrency: Math.floor(num('PULSE_SEND_CONCURRENCY', 5, 1)),
    leaseMs: num('PULSE_SEND_LEASE_SECONDS', 300, 1) * 1000,
    retryMs: num('PULSE_SEND_RETRY_SECONDS', 30, 0) * 1000,
    abWaitMs: num('PULSE_AB_WAIT_MINUTES', 240, 0) * 60_000,
  };
}

/** Origin of tracked links, pixel and unsubscribe URLs in campaign mail. */
export function trackingBaseUrl(scheduledFrom?: string | null): string {
  if (process.env.PULSE_BASE_URL) return process.env.PULSE_BASE_URL.replace(/\/+$/, '');
  return scheduledFrom || `http://localhost:${process.env.PORT || 3000}`;
}

/** Rows per claim: about two seconds of sending at the throttle, bounded to [4 × concurrency, 500]. */
export function claimBatchSize(cfg: Pick<SendConfig, 'rate' | 'concurrency'>): number {
  const wanted = cfg.rate > 0 ? Math.ceil(cfg.rate * 2) : 200;
  return Math.min(500, Math.max(cfg.concurrency * 4, wanted));
}
