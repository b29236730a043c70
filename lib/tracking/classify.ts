/**
 * Human or machine? Privacy proxies prefetch open pixels and security gateways follow every link
 * on delivery; both are kept as events but flagged `machine` so rates can leave them out.
 *
 * Open rules, first match wins:
 *  1. A known human-triggered image proxy (Gmail's GoogleImageProxy, Yahoo, Outlook.com) fetches
 *     the pixel only when a person opens the mail → human, whatever the timing.
 *  2. No user agent, a security scanner or a generic HTTP library → machine.
 *  3. Apple Mail Privacy Protection fetches through a proxy whose user agent is exactly
 *     `Mozilla/5.0` → machine.
 *  4. Anything within OPEN_PREFETCH_WINDOW_SECONDS of sent_at (prefetch on delivery) → machine.
 *     This rule needs sent_at, so the database applies it: classify returns the window to apply.
 * Click rules: HEAD, no user agent, a scanner user agent → machine; a click within
 * CLICK_SCANNER_WINDOW_SECONDS of sent_at → machine (applied in SQL the same way).
 */

/** Opens this soon after sending are prefetches by privacy proxies or gateways, not people. */
export const OPEN_PREFETCH_WINDOW_SECONDS = 60;
/** Link scanners (Safe Links, Mimecast, Proofpoint…) follow links within seconds of delivery. */
export const CLICK_SCANNER_WINDOW_SECONDS = 15;

/** Image proxies that fetch on a person's open (case-insensitive substrings). */
export const HUMAN_IMAGE_PROXY_AGENTS = ['googleimageproxy', 'yahoomailproxy', 'outlook-ios', 'outlook-android'] as const;

/** Apple Mail Privacy Protection's proxy sends exactly this user agent. */
export const APPLE_MPP_USER_AGENT = 'Mozilla/5.0';

/** Security gateways, link-preview bots and HTTP libraries (case-insensitive substrings). */
export const SCANNER_AGENTS = [
  'barracuda',
  'mimecast',
  'proofpoint',
  'symantec',
  'forcepoint',
  'sophos',
  'fireeye',
  'trendmicro',
  'ironport',
  'zscaler',
  'safelinks',
  'microsoft office existence discovery',
  'google-safety',
  'googlebot',
  'bingpreview',
  'bingbot',
  'slackbot',
  'facebookexternalhit',
  'twitterbot',
  'linkedinbot',
  'whatsapp',
  'skypeuripreview',
  'discordbot',
  'headlesschrome',
  'phantomjs',
  'python-requests',
  'python-urllib',
  'go-http-client',
  'curl/',
  'wget/',
  'libwww-perl',
  'java/',
  'apache-httpclient',
  'node-fetch',
  'axios/',
] as const;

function substringMatcher(needles: readonly string[]): (ua: string) => boolean {
  const re = new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'i');
  return (ua) => re.test(ua);
}

export const isHumanImageProxy = substringMatcher(HUMAN_IMAGE_PROXY_AGENTS);
export const isScannerAgent = substringMatcher(SCANNER_AGENTS);

export type MachineReason = 'head' | 'no-agent' | 'scanner' | 'apple-mpp' | 'early';

/**
 * A verdict before the database knows sent_at: `machine` set when the request alone decides,
 * otherwise `windowSeconds` tells SQL how soon after sent_at the hit still counts as a machine.
 */
export interface Verdict {
  machine: boolean;
  reason: MachineReason | null;
  windowSeconds: number;
}

const human = (windowSeconds: number): Verdict => ({ machine: false, reason: null, windowSeconds });
const machine = (reason: MachineReason): Verdict => ({ machine: true, reason, windowSeconds: 0 });

export function classifyOpen(userAgent: string | undefined, method = 'GET'): Verdict {
  const ua = (userAgent ?? '').trim();
  if (method === 'HEAD') return machine('head');
  if (ua && isHumanImageProxy(ua)) return human(0);
  if (!ua) return machine('no-agent');
  if (isScannerAgent(ua)) return machine('scanner');
  if (ua === APPLE_MPP_USER_AGENT) return machine('apple-mpp');
  return human(OPEN_PREFETCH_WINDOW_SECONDS);
}

export function classifyClick(userAgent: string | undefined, method = 'GET'): Verdict {
  const ua = (userAgent ?? '').trim();
  if (method === 'HEAD') return machine('head');
  if (!ua) return machine('no-agent');
  if (isScannerAgent(ua)) return machine('scanner');
  return human(CLICK_SCANNER_WINDOW_SECONDS);
}
