/** WCAG 2 contrast of white text on a `#rrggbb` colour (1…21); null for anything else. */
export function whiteTextContrast(hex: string): number | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) return null;
  const [r, g, b] = m.slice(1).map((h) => {
    const c = parseInt(h, 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05);
}

/** Normal-size text needs 4.5 : 1 (WCAG AA). */
export const MIN_TEXT_CONTRAST = 4.5;
