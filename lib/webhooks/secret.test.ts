import { describe, expect, it } from 'vitest';
import { presentedSecret } from './secret';

describe('presentedSecret', () => {
  const url = 'https://pulse.test/api/v1/webhooks/esp/x';
  it('reads a Bearer header first', () => {
    expect(presentedSecret(new Request(url, { headers: { authorization: 'Bearer abc' } }))).toBe('abc');
    expect(presentedSecret(new Request(`${url}?provider=sendgrid&secret=q`, { headers: { authorization: 'bearer h' } }))).toBe('h');
    expect(presentedSecret(new Request(url))).toBeNull();
  });

  it('takes ?secret= only for a provider that cannot send headers (SendGrid)', () => {
    expect(presentedSecret(new Request(`${url}?provider=sendgrid&secret=q`))).toBe('q');
    expect(presentedSecret(new Request(`${url}?provider=sendgrid&secret=q`, { headers: { authorization: 'Basic xyz' } }))).toBe('q');
    for (const query of ['?secret=q', '?provider=generic&secret=q', '?provider=postmark&secret=q', '?provider=SendGrid&secret=q']) {
      expect(presentedSecret(new Request(`${url}${query}`)), query).toBeNull();
    }
  });
});
