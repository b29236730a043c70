import { afterEach, describe, expect, it } from 'vitest';
import { clientIp } from './client-ip';

const h = (init: Record<string, string>) => new Headers(init);

describe('clientIp', () => {
  afterEach(() => {
    delete process.env.PULSE_TRUST_PROXY;
  });

  it('ignores X-Forwarded-For unless a trusted proxy sets it (anyone can send the header)', () => {
    expect(clientIp(h({ 'x-forwarded-for': '203.0.113.9' }))).toBeNull();
  });

  it('behind a trusted proxy takes the first address', () => {
    process.env.PULSE_TRUST_PROXY = 'true';
    expect(clientIp(h({ 'x-forwarded-for': '203.0.113.9, 10.0.0.1' }))).toBe('203.0.113.9');
    expect(clientIp(h({ 'x-real-ip': '198.51.100.7' }))).toBe('198.51.100.7');
    expect(clientIp(h({}))).toBeNull();
  });
});
