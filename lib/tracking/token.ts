import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Signed tracking tokens: `<payload>.<mac>`, both base64url. The payload is a short list of
 * positive integers (e.g. [sendId, linkId]); the MAC is HMAC-SHA256 truncated to 96 bits, keyed
 * from AUTH_SECRET and a purpose so a click token can never be replayed as an open token.
 */
export type TokenPurpose = 'open' | 'click' | 'unsubscribe' | 'survey' | 'score' | 'preferences' | 'clickid';

/**
 * 96-bit MACs keep tracking URLs short; survey links (a contact's personal survey page `survey`,
 * a score button in a mail `score`) and the preference centre `preferences` carry 128 bits: they
 * let someone answer, or change what they receive, as that contact. A click id (`clickid`,
 * lib/conversions/click-id) only credits a conversion to the click it names: 96 bits.
 */
const MAC_BYTES_OF: Record<TokenPurpose, number> = { open: 12, click: 12, unsubscribe: 12, survey: 16, score: 16, preferences: 16, clickid: 12 };
const keys = new Map<string, Buffer>();

function key(purpose: TokenPurpose): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  const id = `${purpose}:${secret}`;
  let k = keys.get(id);
  if (!k) {
    k = Buffer.from(hkdfSync('sha256', secret, 'pulse-tracking', purpose, 32));
    keys.set(id, k);
  }
  return k;
}

function encodeInts(values: number[]): Buffer {
  const buf = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`token values must be safe non-negative integers, got ${v}`);
    buf.writeBigUInt64BE(BigInt(v), i * 8);
  });
  return buf;
}

export function signToken(purpose: TokenPurpose, values: number[]): string {
  const payload = encodeInts(values);
  const mac = createHmac('sha256', key(purpose)).update(payload).digest().subarray(0, MAC_BYTES_OF[purpose]);
  return `${payload.toString('base64url')}.${mac.toString('base64url')}`;
}

/**
 * The bytes of a base64url string only when it is their one canonical spelling. Node's decoder
 * ignores padding, stray characters and the spare low bits of the last character, so several
 * spellings decode alike; re-encoding and comparing leaves exactly one valid token per payload.
 */
function canonicalBase64url(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

/** The integers, or null for anything forged, truncated, oversized or of another purpose. */
export function verifyToken(purpose: TokenPurpose, token: string, expectedCount: number): number[] | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const payload = canonicalBase64url(token.slice(0, dot));
  const mac = canonicalBase64url(token.slice(dot + 1));
  const macBytes = MAC_BYTES_OF[purpose];
  if (!payload || !mac || payload.length !== expectedCount * 8 || mac.length !== macBytes) return null;
  const expected = createHmac('sha256', key(purpose)).update(payload).digest().subarray(0, macBytes);
  if (!timingSafeEqual(mac, expected)) return null;
  const out: number[] = [];
  for (let i = 0; i < expectedCount; i++) {
    const v = payload.readBigUInt64BE(i * 8);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) return null;
    out.push(Number(v));
  }
  return out;
}
