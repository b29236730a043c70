import { afterEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, servedOverHttps } from './security-headers';

const env = { ...process.env };
afterEach(() => {
  process.env = { ...env };
});

describe('servedOverHttps (HSTS)', () => {
  const http = new URL('http://pulse.example/w/a/dashboard');
  const proto = (v: string) => new Headers({ 'x-forwarded-proto': v });

  it.each([
    ['plain http', http, new Headers(), {}, false],
    ['https request', new URL('https://pulse.example/'), new Headers(), {}, true],
    ['https base URL', http, new Headers(), { PULSE_BASE_URL: 'https://pulse.example' }, true],
    ['forwarded https from an untrusted client', http, proto('https'), {}, false],
    ['forwarded https behind a trusted proxy', http, proto('https'), { PULSE_TRUST_PROXY: 'true' }, true],
    ['forwarded chain, first hop https', http, proto('HTTPS, http'), { PULSE_TRUST_PROXY: 'true' }, true],
    ['forwarded http behind a trusted proxy', http, proto('http'), { PULSE_TRUST_PROXY: 'true' }, false],
  ] as const)('%s → %s', (_label, url, headers, vars, expected) => {
    delete process.env.PULSE_BASE_URL;
    delete process.env.PULSE_TRUST_PROXY;
    Object.assign(process.env, vars);
    expect(servedOverHttps(url, headers)).toBe(expected);
  });
});

describe('contentSecurityPolicy', () => {
  it('allows scripts by nonce only in production (no unsafe-inline, no eval)', () => {
    const csp = contentSecurityPolicy('abc', false);
    const script = csp.split('; ').find((d) => d.startsWith('script-src'));
    expect(script).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
