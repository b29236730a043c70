import { isbot } from 'isbot';
import type { DeviceType, TrafficSource } from '@/lib/db/schema/conversions/constants';

/**
 * Where a visit or conversion came from, and on what. One classifier for SmartLink hits, snippet
 * page views and conversions, so every report groups traffic alike.
 *
 * Source, first match wins:
 *  1. utm_source / utm_medium that name an AI assistant → ai; email or newsletter → email;
 *     a social network → social; cpc/organic search → search.
 *  2. The referrer's host: AI assistants (ChatGPT, Perplexity, Claude, Gemini, Copilot) → ai;
 *     webmail → email; social networks → social; search engines → search.
 *  3. No referrer (or the page's own host) and no utm → direct; anything else → other.
 * AI assistants are their own source: their traffic converts markedly better than search (PRODUCT.md §2).
 */
export interface SourceInput {
  referrer?: string | null;
  utmSource?: string | null;
  utmMedium?: string | null;
  /** The host of the page that was visited: a referrer from it is internal navigation, not a source. */
  pageHost?: string | null;
}

// Host suffixes (matched on a dot boundary) and utm values, lower-case.
export const AI_HOSTS = ['chatgpt.com', 'chat.openai.com', 'openai.com', 'perplexity.ai', 'claude.ai', 'gemini.google.com', 'bard.google.com', 'copilot.microsoft.com', 'copilot.cloud.microsoft'];
export const AI_UTM = ['chatgpt', 'chatgpt.com', 'openai', 'perplexity', 'perplexity.ai', 'claude', 'claude.ai', 'gemini', 'copilot'];
export const EMAIL_HOSTS = ['mail.google.com', 'outlook.live.com', 'outlook.office.com', 'outlook.office365.com', 'mail.yahoo.com', 'mail.proton.me', 'webmail.kpnmail.nl', 'mail.ziggo.nl'];
export const SOCIAL_HOSTS = [
  'facebook.com', 'fb.me', 'fb.com', 'instagram.com', 'threads.net', 't.co', 'twitter.com', 'x.com', 'linkedin.com', 'lnkd.in',
  'tiktok.com', 'pinterest.com', 'pin.it', 'youtube.com', 'youtu.be', 'reddit.com', 'bsky.app', 'mastodon.social', 'snapchat.com', 'whatsapp.com', 'wa.me', 'telegram.org', 't.me',
];
export const SOCIAL_UTM = ['facebook', 'fb', 'instagram', 'ig', 'threads', 'twitter', 'x', 'linkedin', 'tiktok', 'pinterest', 'youtube', 'reddit', 'bluesky', 'mastodon', 'snapchat', 'whatsapp', 'telegram', 'social'];
export const SEARCH_HOSTS = ['google.com', 'google.nl', 'google.be', 'google.de', 'google.co.uk', 'bing.com', 'duckduckgo.com', 'search.yahoo.com', 'ecosia.org', 'startpage.com', 'qwant.com', 'search.brave.com', 'baidu.com', 'yandex.com', 'yandex.ru'];
const EMAIL_UTM = ['email', 'e-mail', 'newsletter', 'mail', 'pulse'];
const SEARCH_MEDIUM = ['cpc', 'ppc', 'paid-search', 'organic', 'search'];

const onHost = (host: string, suffixes: readonly string[]) => suffixes.some((s) => host === s || host.endsWith(`.${s}`));
// google.<anything> and www.google.<anything> count as search (country domains).
const isGoogleSearch = (host: string) => /(^|\.)google\.[a-z.]{2,6}$/.test(host) && !host.startsWith('mail.') && !host.startsWith('gemini.');

export function referrerHost(referrer: string | null | undefined): string | null {
  if (!referrer) return null;
  try {
    const u = new URL(referrer);
    if (u.protocol !== 'http:' && u.protocol !== 'https:' && u.protocol !== 'android-app:') return null;
    return u.hostname.toLowerCase().replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

export function classifySource({ referrer, utmSource, utmMedium, pageHost }: SourceInput): TrafficSource {
  const utm = (utmSource ?? '').trim().toLowerCase();
  const medium = (utmMedium ?? '').trim().toLowerCase();
  if (utm || medium) {
    if (AI_UTM.includes(utm)) return 'ai';
    if (EMAIL_UTM.includes(utm) || EMAIL_UTM.includes(medium)) return 'email';
    if (SOCIAL_UTM.includes(utm) || medium === 'social' || medium === 'social-media') return 'social';
    if (SEARCH_MEDIUM.includes(medium) || ['google', 'bing', 'duckduckgo', 'ecosia'].includes(utm)) return 'search';
  }
  const host = referrerHost(referrer);
  const own = pageHost ? pageHost.toLowerCase().replace(/^www\./, '') : null;
  if (host && host !== own) {
    if (onHost(host, AI_HOSTS)) return 'ai';
    if (onHost(host, EMAIL_HOSTS)) return 'email';
    if (onHost(host, SOCIAL_HOSTS)) return 'social';
    if (onHost(host, SEARCH_HOSTS) || isGoogleSearch(host)) return 'search';
    return 'other';
  }
  return utm || medium ? 'other' : 'direct';
}

/** Device type from the user agent: tablets before phones (an Android tablet has no "Mobile"). */
export function classifyDevice(userAgent: string | null | undefined): DeviceType {
  const ua = userAgent ?? '';
  if (!ua) return 'other';
  if (/iPad|Tablet|PlayBook|Silk|Kindle|(Android(?!.*Mobile))/i.test(ua)) return 'tablet';
  if (/Mobi|iPhone|iPod|Android|Windows Phone|BlackBerry|Opera Mini/i.test(ua)) return 'mobile';
  if (/Windows NT|Macintosh|X11|Linux|CrOS/i.test(ua)) return 'desktop';
  return 'other';
}

export type PageHitMachineReason = 'head' | 'no-agent' | 'bot' | 'preview' | 'prefetch';

/**
 * Whether a public page hit (SmartLink visit or click, snippet page view) is a machine: HEAD
 * requests, no user agent, crawlers and link-preview fetchers (isbot's list plus the scanners of
 * lib/tracking/classify), and browser prefetches (Sec-Purpose / Purpose: prefetch). Null: a person.
 */
export function pageHitMachine(req: { method?: string; headers: Record<string, string | string[] | undefined> }): PageHitMachineReason | null {
  if (req.method === 'HEAD') return 'head';
  const ua = headerValue(req.headers['user-agent']);
  if (!ua) return 'no-agent';
  const purpose = `${headerValue(req.headers['sec-purpose'])} ${headerValue(req.headers['purpose'])} ${headerValue(req.headers['x-moz'])}`.toLowerCase();
  if (purpose.includes('prefetch') || purpose.includes('prerender')) return 'prefetch';
  if (/facebookexternalhit|twitterbot|slackbot|linkedinbot|whatsapp|telegrambot|discordbot|skypeuripreview|embedly|iframely|pinterestbot|redditbot|bingpreview|vkshare|applebot/i.test(ua)) return 'preview';
  if (isbot(ua)) return 'bot';
  return null;
}

function headerValue(v: string | string[] | undefined): string {
  return (Array.isArray(v) ? v[0] : v) ?? '';
}
