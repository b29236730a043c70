import { describe, expect, it } from 'vitest';
import {
  APPLE_MPP_USER_AGENT,
  classifyClick,
  classifyOpen,
  CLICK_SCANNER_WINDOW_SECONDS,
  isScannerAgent,
  OPEN_PREFETCH_WINDOW_SECONDS,
} from './classify';

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';
const GMAIL_PROXY = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

describe('named thresholds', () => {
  it('opens within a minute of sending are prefetches; clicks within 15 s are scanners', () => {
    expect(OPEN_PREFETCH_WINDOW_SECONDS).toBe(60);
    expect(CLICK_SCANNER_WINDOW_SECONDS).toBe(15);
    expect(APPLE_MPP_USER_AGENT).toBe('Mozilla/5.0');
  });
});

describe('classifyOpen', () => {
  it.each([
    ['a mail app', IPHONE, 'GET', { machine: false, reason: null, windowSeconds: OPEN_PREFETCH_WINDOW_SECONDS }],
    ["Gmail's image proxy (fetches when a person opens)", GMAIL_PROXY, 'GET', { machine: false, reason: null, windowSeconds: 0 }],
    ['YahooMailProxy', 'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html', 'GET', { machine: false, reason: null, windowSeconds: 0 }],
    ['Apple Mail Privacy Protection', 'Mozilla/5.0', 'GET', { machine: true, reason: 'apple-mpp', windowSeconds: 0 }],
    ['no user agent', undefined, 'GET', { machine: true, reason: 'no-agent', windowSeconds: 0 }],
    ['a security gateway', 'Mozilla/5.0 Barracuda Sentinel', 'GET', { machine: true, reason: 'scanner', windowSeconds: 0 }],
    ['HEAD', IPHONE, 'HEAD', { machine: true, reason: 'head', windowSeconds: 0 }],
  ] as const)('%s', (_label, ua, method, expected) => {
    expect(classifyOpen(ua, method)).toEqual(expected);
  });
});

describe('classifyClick', () => {
  it.each([
    ['a browser', CHROME, 'GET', { machine: false, reason: null, windowSeconds: CLICK_SCANNER_WINDOW_SECONDS }],
    ['HEAD', CHROME, 'HEAD', { machine: true, reason: 'head', windowSeconds: 0 }],
    ['Microsoft Safe Links', 'Mozilla/5.0 (compatible; SafeLinks)', 'GET', { machine: true, reason: 'scanner', windowSeconds: 0 }],
    ['curl', 'curl/8.5.0', 'GET', { machine: true, reason: 'scanner', windowSeconds: 0 }],
    ['empty user agent', '   ', 'GET', { machine: true, reason: 'no-agent', windowSeconds: 0 }],
  ] as const)('%s', (_label, ua, method, expected) => {
    expect(classifyClick(ua, method)).toEqual(expected);
  });

  it.each(['Mimecast Link Scanner', 'Proofpoint URL Defense', 'Slackbot-LinkExpanding 1.0', 'python-requests/2.31', 'facebookexternalhit/1.1'])(
    '%s is a scanner',
    (ua) => expect(isScannerAgent(ua)).toBe(true),
  );
  it.each([CHROME, IPHONE, 'Mozilla/5.0 (Linux; Android 13; Cubot X30) Mobile Safari/537.36'])('%s is not', (ua) =>
    expect(isScannerAgent(ua)).toBe(false),
  );
});
