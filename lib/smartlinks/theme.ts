import type { SmartlinkTheme, SmartlinkThemePreset } from '@/lib/db/schema/smartlinks/constants';

/**
 * The colours of each preset, shared by the public page (lib/smartlinks/render) and the builder's
 * live preview, so the preview looks like the page. Every pair meets WCAG AA (4.5:1) for text.
 */
export interface ThemeColors {
  background: string;
  text: string;
  muted: string;
  accent: string;
  /** Text on the accent (buttons). */
  onAccent: string;
}

export const THEME_COLORS: Record<SmartlinkThemePreset, ThemeColors> = {
  light: { background: '#f4f4f5', text: '#18181b', muted: '#52525b', accent: '#4338ca', onAccent: '#ffffff' },
  dark: { background: '#18181b', text: '#fafafa', muted: '#d4d4d8', accent: '#a5b4fc', onAccent: '#1e1b4b' },
  sunset: { background: '#fff1e6', text: '#431407', muted: '#7c2d12', accent: '#c2410c', onAccent: '#ffffff' },
  forest: { background: '#ecfdf5', text: '#052e16', muted: '#14532d', accent: '#15803d', onAccent: '#ffffff' },
  ocean: { background: '#eff6ff', text: '#172554', muted: '#1e3a8a', accent: '#1d4ed8', onAccent: '#ffffff' },
};

export const BUTTON_RADIUS: Record<SmartlinkTheme['buttonStyle'], string> = { rounded: '12px', pill: '999px', square: '0' };

function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

export function contrastRatio(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** The colours of a theme; a custom accent gets black or white text, whichever reads better. */
export function themeColors(theme: SmartlinkTheme): ThemeColors {
  const base = THEME_COLORS[theme.preset] ?? THEME_COLORS.light;
  const accent = theme.accent && /^#[0-9a-f]{6}$/i.test(theme.accent) ? theme.accent.toLowerCase() : null;
  if (!accent) return base;
  const onAccent = contrastRatio(accent, '#ffffff') >= contrastRatio(accent, '#000000') ? '#ffffff' : '#000000';
  return { ...base, accent, onAccent };
}
