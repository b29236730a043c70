/** Where every redirect target that came from input is checked (sign-in form, Auth.js, invite pages). */
export const DEFAULT_REDIRECT = '/';
const INTERNAL_ORIGIN = 'http://pulse.internal';

// Browsers strip tab/CR/LF inside URLs and read "\" as "/", so "/\t/evil.test" becomes
// "//evil.test". Such input is refused outright rather than repaired.
function unsafe(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || c === 0x5c || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/**
 * The target as a same-origin path (`path?search#hash`), or the dashboard. The value is parsed as a
 * URL against the app's origin and accepted only if the origin is unchanged, so schemes,
 * protocol-relative `//host`, userinfo `@` and encoded tricks all fall back to `/`.
 */
export function safeRedirectTarget(value: unknown, origin: string = INTERNAL_ORIGIN): string {
  if (typeof value !== 'string' || value === '' || value.length > 2000 || unsafe(value)) return DEFAULT_REDIRECT;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(value, base);
  } catch {
    return DEFAULT_REDIRECT;
  }
  if (target.origin !== base.origin || target.username || target.password) return DEFAULT_REDIRECT;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // "/.//evil.test" normalises to "//evil.test", which a browser reads as another host.
  if (!path.startsWith('/') || path.startsWith('//')) return DEFAULT_REDIRECT;
  return path;
}
