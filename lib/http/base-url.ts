import { headers } from 'next/headers';

type HeaderReader = { get(name: string): string | null };

const first = (v: string | null) => v?.split(',')[0]?.trim() || null;
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/**
 * Origin for links in mail: PULSE_BASE_URL when set, else the origin the app was reached on.
 * X-Forwarded-Host/-Proto are only believed with PULSE_TRUST_PROXY=true (a client can send them);
 * without a proxy Next serves plain HTTP, so the Host header is reached over http.
 */
export function originFromHeaders(h: HeaderReader, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.PULSE_BASE_URL) return env.PULSE_BASE_URL.replace(/\/+$/, '');
  const trust = env.PULSE_TRUST_PROXY === 'true';
  const host = (trust ? first(h.get('x-forwarded-host')) : null) ?? first(h.get('host'));
  if (!host || !HOST.test(host)) return null;
  const forwardedProto = trust ? first(h.get('x-forwarded-proto')) : null;
  const proto = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : 'http';
  return `${proto}://${host.toLowerCase()}`;
}

/** The origin of the current request (see originFromHeaders); `localhost:$PORT` only as a last resort. */
export async function baseUrl(): Promise<string> {
  return originFromHeaders(await headers()) ?? `http://localhost:${process.env.PORT || 3000}`;
}
