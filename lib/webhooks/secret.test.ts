import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { presentedSecret, verifyWebhookSecret, webhookSecret } from './secret';

const WS = '11111111-2222-4333-8444-555555555555';
const OTHER = '11111111-2222-4333-8444-666666666666';

describe('webhook secret', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = 'unit-test-secret';
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.AUTH_SECRET;
    else process.env.AUTH_SECRET = saved;
  });

  it('is a stable base64url HMAC per workspace', () => {
    const s = webhookSecret(WS);
    expect(s).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(webhookSecret(WS)).toBe(s);
    expect(webhookSecret(OTHER)).not.toBe(s);
  });

  it('changes with AUTH_SECRET', () => {
    const s = webhookSecret(WS);
    process.env.AUTH_SECRET = 'another-secret';
    expect(webhookSecret(WS)).not.toBe(s);
  });

  it('fails loudly without AUTH_SECRET', () => {
    delete process.env.AUTH_SECRET;
    expect(() => webhookSecret(WS)).toThrow(/AUTH_SECRET/);
  });

  it('accepts only the exact secret of that workspace', () => {
    const s = webhookSecret(WS);
    expect(verifyWebhookSecret(WS, s)).toBe(true);
    expect(verifyWebhookSecret(OTHER, s)).toBe(false);
    expect(verifyWebhookSecret(WS, s.slice(0, -1))).toBe(false);
    expect(verifyWebhookSecret(WS, `${s}x`)).toBe(false);
    expect(verifyWebhookSecret(WS, '')).toBe(false);
    expect(verifyWebhookSecret(WS, null)).toBe(false);
    expect(verifyWebhookSecret(WS, undefined)).toBe(false);
  });

  it('reads the secret from a Bearer header first, then from ?secret=', () => {
    const url = 'https://pulse.test/api/v1/webhooks/esp/x';
    expect(presentedSecret(new Request(url, { headers: { authorization: 'Bearer abc' } }))).toBe('abc');
    expect(presentedSecret(new Request(`${url}?secret=q`, { headers: { authorization: 'bearer h' } }))).toBe('h');
    expect(presentedSecret(new Request(`${url}?secret=q`))).toBe('q');
    expect(presentedSecret(new Request(`${url}?secret=q`, { headers: { authorization: 'Basic xyz' } }))).toBe('q');
    expect(presentedSecret(new Request(url))).toBeNull();
  });
});
