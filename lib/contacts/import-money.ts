/**
 * Amounts from other tools' exports (Klaviyo "Historic Customer Lifetime Value", Shopify "Total Spent", …)
 * → whole cents. Accepts "1.234,56" and "1,234.56", "1234.5", "€ 99", "$99.00", "99 EUR", "EUR 1.234".
 * The currency sign is dropped (a workspace has one currency). A refusal is an i18n key under
 * `contactImport.notices.`: the contact is kept, the amount is not.
 */
export type MoneyResult = { cents: number } | { reason: 'moneyFormat' | 'moneyNegative' | 'moneyTooLarge' };

/** Above this (10 million in the workspace currency) a "lifetime value" is a broken cell, not a customer. */
export const MAX_LIFETIME_VALUE_CENTS = 1_000_000_000;

const CURRENCY = /^(?:[€$£¥]|eur|usd|gbp|chf|sek|nok|dkk|pln|aud|cad)\s*|\s*(?:[€$£¥]|eur|usd|gbp|chf|sek|nok|dkk|pln|aud|cad)$/i;

/** The integer and fraction digits, deciding which of "." and "," is the decimal mark. */
function split(body: string): [whole: string, fraction: string] | null {
  const compact = body.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^[\d.,]+$/.test(compact) || !/\d/.test(compact)) return null;
  const lastDot = compact.lastIndexOf('.');
  const lastComma = compact.lastIndexOf(',');
  let decimal: '.' | ',' | null = null;
  if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? '.' : ',';
  else {
    const mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
    if (mark) {
      const count = compact.split(mark).length - 1;
      const after = compact.length - compact.lastIndexOf(mark) - 1;
      // One mark followed by exactly three digits ("1.234", "1,234") is a thousands separator, else decimal
      // ("0.125" has no thousands to separate).
      decimal = count === 1 && (after !== 3 || /^0[.,]/.test(compact)) ? mark : null;
      if (count > 1 && after !== 3) return null;
    }
  }
  const thousands = decimal === '.' ? ',' : decimal === ',' ? '.' : /[.,]/.exec(compact)?.[0];
  const [whole, fraction = ''] = decimal ? compact.split(decimal) : [compact];
  if (decimal && compact.split(decimal).length !== 2) return null;
  if (!/^\d+$/.test(fraction || '0')) return null;
  const groups = thousands ? whole.split(thousands) : [whole];
  if (groups.length > 1 && (groups[0].length === 0 || groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3))) return null;
  const digits = groups.join('');
  if (!/^\d+$/.test(digits)) return null;
  return [digits, fraction];
}

export function parseImportMoney(raw: string): MoneyResult {
  let value = raw.trim();
  let negative = false;
  if (/^\(.*\)$/.test(value)) [negative, value] = [true, value.slice(1, -1).trim()];
  if (value.startsWith('-') || value.startsWith('\u2212')) [negative, value] = [true, value.slice(1).trim()];
  value = value.replace(CURRENCY, '').trim();
  if (value.startsWith('-') || value.startsWith('\u2212')) [negative, value] = [true, value.slice(1).trim()];
  const parts = split(value);
  if (!parts) return { reason: 'moneyFormat' };
  const [whole, fraction] = parts;
  // Sub-cent fractions ("12.345" with a comma thousands mark elsewhere) round half up.
  const cents = Number(whole) * 100 + Math.round(Number(`0.${fraction || '0'}`) * 100);
  if (!Number.isSafeInteger(cents)) return { reason: 'moneyTooLarge' };
  if (negative && cents > 0) return { reason: 'moneyNegative' };
  if (cents > MAX_LIFETIME_VALUE_CENTS) return { reason: 'moneyTooLarge' };
  return { cents };
}
