/** Macro goals (purchase, sign-up, trial, demo request) and micro goals (add to cart, video view, download). */
export const GOAL_KINDS = ['macro', 'micro'] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

/** Where a visit or conversion came from (lib/tracking/source). AI assistants are their own source (PRODUCT.md §2). */
export const TRAFFIC_SOURCES = ['email', 'social', 'search', 'ai', 'direct', 'other'] as const;
export type TrafficSource = (typeof TRAFFIC_SOURCES)[number];

export const DEVICE_TYPES = ['desktop', 'mobile', 'tablet', 'other'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** How a conversion reached Pulse: the server-to-server API or the browser snippet. */
export const CONVERSION_VIA = ['api', 'snippet'] as const;
export type ConversionVia = (typeof CONVERSION_VIA)[number];

/**
 * What a click id points at (lib/conversions/click-id): 1 an `events` row (a campaign link click or a
 * survey follow-up click), 2 a `smartlink_hits` click.
 */
export const CLICK_KINDS = { event: 1, smartlink: 2 } as const;
export type ClickKind = (typeof CLICK_KINDS)[keyof typeof CLICK_KINDS];

/** Last click within this many days is credited (per workspace, editable). */
export const DEFAULT_ATTRIBUTION_WINDOW_DAYS = 7;
export const MAX_ATTRIBUTION_WINDOW_DAYS = 90;

/** Goal keys as used by the snippet and the API: `purchase`, `sign-up`, `add_to_cart`. */
export const GOAL_KEY = /^[a-z0-9][a-z0-9_-]{0,62}$/;
/** ISO 4217 code. */
export const CURRENCY = /^[A-Z]{3}$/;
