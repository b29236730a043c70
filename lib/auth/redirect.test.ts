import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './redirect';

const ORIGIN = 'https://pulse.example';

/** What a browser would do with the answer: resolve it against the page and navigate. */
function landsOn(value: unknown): URL {
  return new URL(safeRedirectTarget(value, ORIGIN), ORIGIN);
}

describe('safeRedirectTarget keeps good targets', () => {
  it.each([
    ['/w/acme/dashboard', '/w/acme/dashboard'],
    ['/invite/abc_DEF-123', '/invite/abc_DEF-123'],
    ['/w/acme/contacts?q=a%20b&page=2#top', '/w/acme/contacts?q=a%20b&page=2#top'],
    ['https://pulse.example/w/acme/settings', '/w/acme/settings'],
    ['w/acme/dashboard', '/w/acme/dashboard'],
  ])('%j → %s', (input, expected) => {
    expect(safeRedirectTarget(input, ORIGIN)).toBe(expected);
  });
});

// Hosts an attacker would like to reach; every payload below names one of them.
const EVIL = ['evil.test', 'evil.test:443', '127.0.0.1', '[::1]', '[::ffff:127.0.0.1]', '2130706433', 'pulse.example.evil.test', 'ⅇvil.test', 'evil。test', 'еvil.test'];
const CONTROL = ['\t', '\n', '\r', '\u0000', '\u000b', '\u000c', '\u001f', '\u007f', '\u0085', '\u2028', '\u2029'];

function corpus(): string[] {
  const out = new Set<string>();
  for (const host of EVIL) {
    const prefixes = [
      '//', '///', '////', '/\\', '\\\\', '\\/', '/\\/', '\\', '/%2F', '/%2f/', '%2F%2F', '/%252F%252F', '/%5C', '/%5c/',
      'http://', 'https://', 'HTTPS://', 'http:/', 'http:', 'https:\\\\', '//@', 'https://pulse.example@', 'https://pulse.example:443@',
      '/.//', '/./\\', '/..//', '/%2e//', '/%2e%2e//', 'ftp://', ' //', ' https://', '/ /', '\u3000//', '/\u200b/',
    ];
    for (const p of prefixes) out.add(`${p}${host}/path`);
    for (const c of CONTROL) {
      out.add(`/${c}/${host}/x`);
      out.add(`${c}//${host}`);
      out.add(`/${c}\\${host}`);
      out.add(`//${c}${host}`);
      out.add(`https:${c}//${host}`);
      out.add(`/w/acme${c}//${host}`);
    }
    out.add(`https://pulse.example.${host}`);
    out.add(`https://${host}#https://pulse.example/`);
    out.add(`https://${host}?https://pulse.example/`);
    out.add(`//${host}%00`);
    out.add(`/%09/${host}`);
    out.add(`/%0a/${host}`);
  }
  for (const scheme of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', ' javascript:alert(1)', 'javascript://%0aalert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'blob:https://evil.test/x', 'file:///etc/passwd', 'mailto:a@evil.test']) {
    out.add(scheme);
  }
  return [...out];
}

describe('safeRedirectTarget fuzz corpus', () => {
  const payloads = corpus();

  it(`has a wide corpus (${payloads.length} payloads)`, () => {
    expect(payloads.length).toBeGreaterThan(1000);
  });

  it('never sends the browser to another origin or scheme, never throws', () => {
    const escaped = payloads.filter((p) => {
      const url = landsOn(p);
      return url.origin !== ORIGIN || url.protocol !== 'https:';
    });
    expect(escaped).toEqual([]);
  });

  it('answers a same-origin path that a browser cannot reinterpret', () => {
    for (const p of payloads) {
      const out = safeRedirectTarget(p, ORIGIN);
      expect(out.startsWith('/'), p).toBe(true);
      expect(out.startsWith('//'), p).toBe(false);
      expect(/[\s\\]/.test(out), JSON.stringify(p)).toBe(false);
    }
  });

  it('sends the TAB and newline payloads of the report to the dashboard', () => {
    expect(safeRedirectTarget('/\t/evil.test/x', ORIGIN)).toBe('/');
    expect(safeRedirectTarget('/\n/evil.test/x', ORIGIN)).toBe('/');
    expect(safeRedirectTarget('https://evil.test', ORIGIN)).toBe('/');
  });

  it.each([undefined, null, 42, {}, '', 'x'.repeat(3000)])('non-strings and oversized input → /  (%j)', (v) => {
    expect(safeRedirectTarget(v, ORIGIN)).toBe('/');
  });

  it('without a known origin still refuses every other host', () => {
    for (const p of payloads) expect(safeRedirectTarget(p).startsWith('//')).toBe(false);
    expect(safeRedirectTarget('/w/acme/dashboard')).toBe('/w/acme/dashboard');
  });
});
