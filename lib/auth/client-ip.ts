/**
 * The client address for per-IP throttling, or null when it can't be trusted. X-Forwarded-For is
 * set by whoever connects, so it only counts behind a proxy that overwrites it
 * (PULSE_TRUST_PROXY=true); otherwise only the per-email limit applies.
 */
export function clientIp(headers: Headers): string | null {
  if (process.env.PULSE_TRUST_PROXY !== 'true') return null;
  return headers.get('x-forwarded-for')?.split(',')[0]?.trim() || headers.get('x-real-ip') || null;
}
