/**
 * The schedule field is a wall-clock time in the WORKSPACE's time zone, not the browser's:
 * "Tuesday 09:30" means 09:30 in Amsterdam for an Amsterdam workspace wherever the editor sits.
 */
const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function wallParts(date: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute') };
}

/** Offset of `timeZone` from UTC at `date`, in ms (Amsterdam in summer: +2 h). */
function offsetMs(date: Date, timeZone: string): number {
  const p = wallParts(date, timeZone);
  const asUtc = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi);
  return asUtc - Math.floor(date.getTime() / 60_000) * 60_000;
}

/** `2026-03-29T09:30` in `timeZone` → the UTC instant; null when the text is not a wall time. */
export function wallTimeToUtc(wall: string, timeZone: string): Date | null {
  const m = WALL.exec(wall);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(guess) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  // Two passes settle the offset even when the guess sits on the other side of a DST change;
  // a time skipped by spring-forward lands one hour later, as clocks would show it.
  let t = guess - offsetMs(new Date(guess), timeZone);
  t = guess - offsetMs(new Date(t), timeZone);
  return new Date(t);
}

/** The UTC instant as `YYYY-MM-DDTHH:mm` on the clock of `timeZone` (the datetime-local value). */
export function utcToWallTime(date: Date, timeZone: string): string {
  const p = wallParts(date, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}`;
}
