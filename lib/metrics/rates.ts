/**
 * Every rate in Pulse, PRODUCT.md §1. A rate is a percentage (2.5 means 2.5 %), or `null` when
 * the denominator is zero: "no data" is neither 0 % nor an error.
 */
export type Rate = number | null;

/** part ÷ whole × 100, null when whole is 0. Never clamped: SmartLink CTR may exceed 100 %. */
export function percent(part: number, whole: number): Rate {
  if (!Number.isFinite(part) || !Number.isFinite(whole) || part < 0 || whole < 0) {
    throw new RangeError(`rates need non-negative counts, got ${part}/${whole}`);
  }
  return whole === 0 ? null : (part / whole) * 100;
}

/** Email CTR: unique clickers ÷ delivered. 250 of 10,000 → 2.5 %. */
export const ctr = (uniqueClickers: number, delivered: number): Rate => percent(uniqueClickers, delivered);

/** CTOR: unique clickers ÷ unique openers — content quality among those who opened. */
export const ctor = (uniqueClickers: number, uniqueOpeners: number): Rate => percent(uniqueClickers, uniqueOpeners);

/** Open rate: unique openers ÷ delivered (callers pass human opens only unless machine opens are included). */
export const openRate = (uniqueOpeners: number, delivered: number): Rate => percent(uniqueOpeners, delivered);

/** Conversion rate: conversions ÷ visitors. 150 of 5,000 → 3 %. */
export const conversionRate = (conversions: number, visitors: number): Rate => percent(conversions, visitors);

/** Email conversion against delivered and against clickers. */
export const emailConversionRate = (converters: number, delivered: number): Rate => percent(converters, delivered);
export const clickConversionRate = (converters: number, clickers: number): Rate => percent(converters, clickers);

/** SmartLink CTR: clicks ÷ visits. 9 clicks on 1 visit = 900 % — correct, never clamped. */
export const smartLinkCtr = (clicks: number, visits: number): Rate => percent(clicks, visits);

/** List decay: subscribers who became inactive in the last 12 months ÷ subscribers. */
export const listDecay = (becameInactive: number, subscribers: number): Rate => percent(becameInactive, subscribers);

/** Bounce, unsubscribe and complaint rates, all against delivered (bounces against sent). */
export const bounceRate = (bounces: number, sent: number): Rate => percent(bounces, sent);
export const unsubscribeRate = (unsubscribes: number, delivered: number): Rate => percent(unsubscribes, delivered);
export const complaintRate = (complaints: number, delivered: number): Rate => percent(complaints, delivered);

/** One decimal, locale-aware: `2.5 %` in English, `2,5 %` in Dutch; null shows as "no data". */
export function formatRate(rate: Rate, locale: string, noData = '—'): string {
  if (rate === null) return noData;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate)} %`;
}
