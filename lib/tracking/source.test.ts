import { describe, expect, it } from 'vitest';
import { classifyDevice, classifySource, pageHitMachine } from './source';

describe('classifySource', () => {
  it.each([
    [{ referrer: 'https://chatgpt.com/' }, 'ai'],
    [{ referrer: 'https://www.perplexity.ai/search?q=x' }, 'ai'],
    [{ referrer: 'https://claude.ai/chat/1' }, 'ai'],
    [{ referrer: 'https://gemini.google.com/app' }, 'ai'],
    [{ referrer: 'https://copilot.microsoft.com/' }, 'ai'],
    [{ utmSource: 'chatgpt.com' }, 'ai'],
    [{ utmSource: 'Perplexity' }, 'ai'],
    [{ referrer: 'https://www.google.nl/' }, 'search'],
    [{ referrer: 'https://duckduckgo.com/' }, 'search'],
    [{ referrer: 'https://l.instagram.com/' }, 'social'],
    [{ referrer: 'https://t.co/abc' }, 'social'],
    [{ referrer: 'https://mail.google.com/mail/u/0' }, 'email'],
    [{ utmMedium: 'email', utmSource: 'spring-sale' }, 'email'],
    [{}, 'direct'],
    [{ referrer: 'https://shop.example/cart', pageHost: 'shop.example' }, 'direct'],
    [{ referrer: 'https://blog.partner.example/' }, 'other'],
    [{ referrer: 'not a url' }, 'direct'],
  ])('%j → %s', (input, expected) => {
    expect(classifySource(input)).toBe(expected);
  });
});

describe('classifyDevice', () => {
  it.each([
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148', 'mobile'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/130 Mobile Safari/537.36', 'mobile'],
    ['Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15', 'tablet'],
    ['Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 Chrome/130 Safari/537.36', 'tablet'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130 Safari/537.36', 'desktop'],
    ['', 'other'],
  ])('%s → %s', (ua, expected) => {
    expect(classifyDevice(ua)).toBe(expected);
  });
});

describe('pageHitMachine', () => {
  const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130 Safari/537.36';
  it('flags bots, previews, prefetches, HEAD and missing agents; passes a browser', () => {
    expect(pageHitMachine({ method: 'GET', headers: { 'user-agent': chrome } })).toBeNull();
    expect(pageHitMachine({ method: 'HEAD', headers: { 'user-agent': chrome } })).toBe('head');
    expect(pageHitMachine({ method: 'GET', headers: {} })).toBe('no-agent');
    expect(pageHitMachine({ method: 'GET', headers: { 'user-agent': chrome, 'sec-purpose': 'prefetch;prerender' } })).toBe('prefetch');
    expect(pageHitMachine({ method: 'GET', headers: { 'user-agent': 'facebookexternalhit/1.1' } })).toBe('preview');
    expect(pageHitMachine({ method: 'GET', headers: { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1)' } })).toBe('bot');
  });
});
