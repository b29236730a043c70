import { describe, expect, it } from 'vitest';
import { originFromHeaders } from './base-url';

describe('originFromHeaders', () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it.each([
    ['PULSE_BASE_URL wins', { PULSE_BASE_URL: 'https://mail.example.com/' }, { host: 'internal:3000' }, 'https://mail.example.com'],
    ['the Host the app was reached on', {}, { host: 'pulse.example.com:3000' }, 'http://pulse.example.com:3000'],
    ['forwarded headers ignored without PULSE_TRUST_PROXY', {}, { host: 'app:3000', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' }, 'http://app:3000'],
    ['forwarded host and proto behind a trusted proxy', { PULSE_TRUST_PROXY: 'true' }, { host: 'app:3000', 'x-forwarded-host': 'pulse.example.com, x', 'x-forwarded-proto': 'https' }, 'https://pulse.example.com'],
    ['trusted proxy without forwarded host falls back to Host', { PULSE_TRUST_PROXY: 'true' }, { host: 'Pulse.Example.com' }, 'http://pulse.example.com'],
    ['a malformed host is refused', {}, { host: 'evil.example/path?' }, null],
    ['no host at all', {}, {}, null],
  ])('%s', (_name, env, headers, expected) => {
    expect(originFromHeaders(h(headers), env as NodeJS.ProcessEnv)).toBe(expected);
  });
});
