import { afterEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, servedOverHttps } from './security-headers';

const env = { ...process.env };
afterEach(() => {
  process.env = { ...env };
});

describe('servedOverHttps (HSTS)', () => {
  const proto = (v: string) => new Headers({ 'x-forwarded-proto': v });

  it.each([
    ['plain http', new Headers(), {}, false],
    ['http base URL', new Headers(), { PULSE_BASE_URL: 'http://pulse.example' }, false],
    ['https base URL', new Headers(), { PULSE_BASE_URL: 'https://pulse.example' }, true],
    ['forwarded https from an untrusted client', proto('https'), {}, false],
    ['forwarded https behind a trusted proxy', proto('https'), { PULSE_TRUST_PROXY: 'true' }, true],
    ['forwarded chain, first hop https', proto('HTTPS, http'), { PULSE_TRUST_PROXY: 'true' }, true],
    ['forwarded http behind a trusted proxy', proto('http'), { PULSE_TRUST_PROXY: 'true' }, false],
  ] as const)('%s → %s', (_label, headers, vars, expected) => {
    delete process.env.PULSE_BASE_URL;
    delete process.env.PULSE_TRUST_PROXY;
    Object.assign(process.env, vars);
    expect(servedOverHttps(headers)).toBe(expected);
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
