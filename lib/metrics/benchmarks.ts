import { z } from 'zod';
import type { Industry } from '@/lib/db/schema/workspaces/constants';
import { decimalInput } from '@/lib/validation/fields';

/**
 * Industry figures from PRODUCT.md §2 and §7, shipped as editable per-workspace defaults.
 * All rates are percentages (2.5 means 2.5 %).
 */
const pct = decimalInput((n) => n.min(0, 'validation.nonNegative').max(100, 'validation.max100'));
const range = z
  .object({ low: pct, high: pct })
  .refine((r) => r.low <= r.high, { message: 'validation.lowAboveHigh', path: ['high'] });
const days = decimalInput((n) => n.int('validation.wholeNumber').min(1, 'validation.positive').max(3650, 'validation.tooLarge'));

export const CAMPAIGN_CATEGORIES = ['newsletter', 'promotional', 'welcome', 'triggered', 'reengagement'] as const;
export type CampaignCategory = (typeof CAMPAIGN_CATEGORIES)[number];

export const CONVERSION_KINDS = [
  'ecommerce',
  'saasTrial',
  'landingPage',
  'leadGen',
  'b2bEcommerce',
  'googleAds',
  'email',
  'socialAds',
  'affiliate',
] as const;
export type ConversionKind = (typeof CONVERSION_KINDS)[number];

export const workspaceBenchmarksSchema = z.object({
  ctrByCategory: z.object(Object.fromEntries(CAMPAIGN_CATEGORIES.map((c) => [c, range])) as Record<CampaignCategory, typeof range>),
  ctrByAudience: z.object({ b2b: range, b2c: range }),
  /** Reading of any email CTR: below `weakBelow` weak, from `goodFrom` good, above `strongAbove` strong. */
  ctrReading: z.object({ weakBelow: pct, goodFrom: pct, strongAbove: pct, exceptionalFrom: pct }),
  conversion: z.object(Object.fromEntries(CONVERSION_KINDS.map((c) => [c, range])) as Record<ConversionKind, typeof range>),
  reengagement: z.object({ openRate: range, ctr: range, winBack: range }),
  regular: z.object({ openRate: range, ctr: range }),
  inactivityDays: days,
  controlGroupPct: decimalInput((n) => n.min(0, 'validation.nonNegative').max(50, 'validation.max50')),
});
export type WorkspaceBenchmarks = z.infer<typeof workspaceBenchmarksSchema>;

const r = (low: number, high: number) => ({ low, high });

/** Start of the inactivity window per industry (PRODUCT.md §7). */
export const INACTIVITY_DEFAULT_DAYS: Record<Industry, number> = {
  ecommerce: 90,
  saas: 45,
  media: 60,
  b2b: 90,
  financial: 120,
};

/** Inactivity tiers with their expected reactivation rates (PRODUCT.md §7). */
export const INACTIVITY_TIERS = [
  { id: 'tier1', fromDays: 30, toDays: 60, expected: r(15, 25) },
  { id: 'tier2', fromDays: 61, toDays: 120, expected: r(8, 15) },
  { id: 'tier3', fromDays: 121, toDays: 365, expected: r(3, 8) },
  { id: 'tier4', fromDays: 366, toDays: null, expected: r(1, 3) },
] as const;

export function defaultBenchmarks(industry: Industry): WorkspaceBenchmarks {
  return {
    ctrByCategory: {
      newsletter: r(2, 3),
      promotional: r(1, 3),
      welcome: r(16, 26),
      triggered: r(5, 10),
      reengagement: r(0.5, 1.2),
    },
    ctrByAudience: { b2b: r(1, 3), b2c: r(3, 5) },
    ctrReading: { weakBelow: 1, goodFrom: 2, strongAbove: 4, exceptionalFrom: 10 },
    conversion: {
      ecommerce: r(2, 4),
      saasTrial: r(10, 20),
      landingPage: r(4, 8),
      leadGen: r(5, 10),
      b2bEcommerce: r(3, 5),
      googleAds: r(7.52, 7.52),
      email: r(2, 5),
      socialAds: r(1, 3),
      affiliate: r(1, 2),
    },
    reengagement: { openRate: r(12, 15), ctr: r(0.5, 1.2), winBack: r(2, 5) },
    regular: { openRate: r(17, 28), ctr: r(2.4, 4.8) },
    inactivityDays: INACTIVITY_DEFAULT_DAYS[industry],
    controlGroupPct: 10,
  };
}

/**
 * The typical conversion rate within each §2 range (PRODUCT.md §2), shown beside the editable range:
 * e-commerce 2.5 % (2–4), SaaS free trial 12–15 % (10–20), landing pages 6.6 % (4–8), lead generation
 * 6–8 % (5–10), B2B e-commerce 3–5 %, Google Ads 7.52 %, email marketing 2–5 % (1–8), social ads 1–3 %,
 * affiliate 1–2 %.
 */
export const CONVERSION_TYPICAL: Record<ConversionKind, { low: number; high: number }> = {
  ecommerce: r(2.5, 2.5),
  saasTrial: r(12, 15),
  landingPage: r(6.6, 6.6),
  leadGen: r(6, 8),
  b2bEcommerce: r(3, 5),
  googleAds: r(7.52, 7.52),
  email: r(2, 5),
  socialAds: r(1, 3),
  affiliate: r(1, 2),
};

/** Which §2 conversion benchmark a workspace's site rate is read against, by its industry. */
export const INDUSTRY_CONVERSION_KIND: Record<Industry, ConversionKind> = {
  ecommerce: 'ecommerce',
  saas: 'saasTrial',
  media: 'landingPage',
  b2b: 'leadGen',
  financial: 'leadGen',
};
