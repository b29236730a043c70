/** A SmartLink page item: a button (label + URL), an image that links, or a video link. */
export const SMARTLINK_ITEM_KINDS = ['button', 'image', 'video'] as const;
export type SmartlinkItemKind = (typeof SMARTLINK_ITEM_KINDS)[number];

/** draft: only the team sees it (preview) · published: served at /l/<slug>. */
export const SMARTLINK_STATUSES = ['draft', 'published'] as const;
export type SmartlinkStatus = (typeof SMARTLINK_STATUSES)[number];

/** visit: a page load · click: a button, image or video click through the tracked redirect. */
export const SMARTLINK_HIT_TYPES = ['visit', 'click'] as const;
export type SmartlinkHitType = (typeof SMARTLINK_HIT_TYPES)[number];

export const SMARTLINK_THEMES = ['light', 'dark', 'sunset', 'forest', 'ocean'] as const;
export type SmartlinkThemePreset = (typeof SMARTLINK_THEMES)[number];

export interface SmartlinkTheme {
  preset: SmartlinkThemePreset;
  /** #rrggbb accent for buttons; null: the preset's own. */
  accent: string | null;
  /** Button shape. */
  buttonStyle: 'rounded' | 'pill' | 'square';
}

export const DEFAULT_SMARTLINK_THEME: SmartlinkTheme = { preset: 'light', accent: null, buttonStyle: 'rounded' };

/** Page slugs live in one global namespace (/l/<slug>). */
export const SMARTLINK_SLUG = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;
