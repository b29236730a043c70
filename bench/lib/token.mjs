// The tracking token format of lib/tracking/token.ts, in plain JS: the bench signs its load with
// it, and the bare baseline server verifies with it (same HKDF key, HMAC-SHA256 truncated to 96 bits).
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

const MAC_BYTES = 12;
const keys = new Map();

function key(purpose) {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  let k = keys.get(purpose);
  if (!k) keys.set(purpose, (k = Buffer.from(hkdfSync('sha256', secret, 'pulse-tracking', purpose, 32))));
  return k;
}

export function signToken(purpose, values) {
  const payload = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => payload.writeBigUInt64BE(BigInt(v), i * 8));
  const mac = createHmac('sha256', key(purpose)).update(payload).digest().subarray(0, MAC_BYTES);
  return `${payload.toString('base64url')}.${mac.toString('base64url')}`;
}

export function verifyToken(purpose, token, count) {
  if (token.length > 200) return null;
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const payload = Buffer.from(token.slice(0, dot), 'base64url');
  const mac = Buffer.from(token.slice(dot + 1), 'base64url');
  if (payload.length !== count * 8 || mac.length !== MAC_BYTES) return null;
  const expected = createHmac('sha256', key(purpose)).update(payload).digest().subarray(0, MAC_BYTES);
  if (!timingSafeEqual(mac, expected)) return null;
  const out = [];
  for (let i = 0; i < count; i++) out.push(Number(payload.readBigUInt64BE(i * 8)));
  return out;
}
