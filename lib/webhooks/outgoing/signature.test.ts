import { describe, expect, it } from 'vitest';
import { newSigningSecret, signatureHeader, verifySignature } from './signature';

describe('outgoing webhook signatures', () => {
  it('verifies with the secret and timestamp, fails with another secret, a changed body or an old timestamp', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const now = 1_800_000_000;
    const body = '{"id":"x","type":"webhook.test"}';
    const header = signatureHeader(secret, now, body);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, header, body, now)).toBe(true);
    expect(verifySignature(newSigningSecret(), header, body, now)).toBe(false);
    expect(verifySignature(secret, header, body + ' ', now)).toBe(false);
    expect(verifySignature(secret, header, body, now + 301)).toBe(false);
    expect(verifySignature(secret, header, body, now + 299)).toBe(true);
    expect(verifySignature(secret, null, body, now)).toBe(false);
    expect(verifySignature(secret, 't=abc,v1=00', body, now)).toBe(false);
  });
});
