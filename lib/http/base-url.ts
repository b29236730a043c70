import { headers } from 'next/headers';

/** Origin for links in mail: PULSE_BASE_URL when set (behind proxies), else the request's own host. */
export async function baseUrl(): Promise<string> {
  if (process.env.PULSE_BASE_URL) return process.env.PULSE_BASE_URL.replace(/\/+$/, '');
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto') ?? (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return `${proto}://${host}`;
}
