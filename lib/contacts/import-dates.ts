/**
 * Dates from other mail tools' exports: ISO 8601 (Klaviyo), "YYYY-MM-DD HH:MM:SS" (Mailchimp, UTC),
 * day-first "31-12-2024" / "31.12.2024", slashed dates when the day is unambiguous, "Jan 5, 2024",
 * "5 Jan 2024" and Unix seconds/milliseconds. A time without a zone is read as UTC, as both tools export.
 * A refusal is an i18n key under `contactImport.notices.`: the contact is kept, the date is not.
 */
export type DateResult = { date: Date } | { reason: 'dateFormat' | 'dateAmbiguous' | 'dateImpossible' | 'dateFuture' };

/** Earlier than this is no real sign-up or open: an export's placeholder or a broken cell. */
const EARLIEST = Date.UTC(1990, 0, 1);
/** Clock skew and time zones: a few hours ahead of our clock is still "now". */
const FUTURE_SLACK_MS = 24 * 3_600_000;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const TIME = String.raw`(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(am|pm)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?`;
const ISO = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`, 'i');
const DAY_FIRST = new RegExp(String.raw`^(\d{1,2})[-.](\d{1,2})[-.](\d{4})${TIME}$`, 'i');
const SLASHED = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`, 'i');
const MONTH_FIRST_NAME = new RegExp(String.raw`^([a-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})${TIME}$`, 'i');
const DAY_FIRST_NAME = new RegExp(String.raw`^(\d{1,2}) ([a-z]{3})[a-z]*\.? (\d{4})${TIME}$`, 'i');

type Parts = { y: number; m: number; d: number; time: (string | undefined)[] };

function build({ y, m, d, time }: Parts): Date | null {
  const [hh = '0', mm = '0', ss = '0', fraction = '', ampm, zone] = time;
  let hour = Number(hh);
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
  }
  const [min, sec] = [Number(mm), Number(ss)];
  if (m < 1 || m > 12 || d < 1 || d > 31 || hour > 23 || min > 59 || sec > 59) return null;
  let ms = Date.UTC(y, m - 1, d, hour, min, sec, Number(fraction.padEnd(3, '0').slice(0, 3)));
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null; // 31 April, 29 February 2023
  if (zone && /^[+-]/.test(zone)) {
    const z = zone.replace(':', '');
    const offset = (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * (z[0] === '-' ? -1 : 1);
    ms -= offset * 60_000;
  }
  return new Date(ms);
}

function parts(value: string): Parts | 'ambiguous' | null {
  let m = ISO.exec(value);
  if (m) return { y: +m[1], m: +m[2], d: +m[3], time: m.slice(4) };
  m = DAY_FIRST.exec(value);
  if (m) return { y: +m[3], m: +m[2], d: +m[1], time: m.slice(4) };
  m = SLASHED.exec(value);
  if (m) {
    const [a, b] = [+m[1], +m[2]];
    if (a > 12 && b <= 12) return { y: +m[3], m: b, d: a, time: m.slice(4) };
    if (b > 12 && a <= 12) return { y: +m[3], m: a, d: b, time: m.slice(4) };
    if (a === b) return { y: +m[3], m: a, d: a, time: m.slice(4) };
    return a > 12 && b > 12 ? { y: +m[3], m: 13, d: 1, time: [] } : 'ambiguous';
  }
  m = MONTH_FIRST_NAME.exec(value);
  if (m && MONTHS.includes(m[1].toLowerCase())) return { y: +m[3], m: MONTHS.indexOf(m[1].toLowerCase()) + 1, d: +m[2], time: m.slice(4) };
  m = DAY_FIRST_NAME.exec(value);
  if (m && MONTHS.includes(m[2].toLowerCase())) return { y: +m[3], m: MONTHS.indexOf(m[2].toLowerCase()) + 1, d: +m[1], time: m.slice(4) };
  return null;
}

export function parseImportDate(raw: string, now: Date = new Date()): DateResult {
  const value = raw.trim();
  let date: Date | null;
  if (/^\d{10}$|^\d{13}$/.test(value)) date = new Date(value.length === 10 ? Number(value) * 1000 : Number(value));
  else {
    const p = parts(value);
    if (p === 'ambiguous') return { reason: 'dateAmbiguous' };
    if (p === null) return { reason: 'dateFormat' };
    date = build(p);
  }
  if (!date || Number.isNaN(date.getTime()) || date.getTime() < EARLIEST) return { reason: 'dateImpossible' };
  if (date.getTime() > now.getTime() + FUTURE_SLACK_MS) return { reason: 'dateFuture' };
  return { date };
}
