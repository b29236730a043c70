import type { AudienceKind } from '@/lib/db/schema/campaigns/constants';

/** PRODUCT.md §3: B2B weekday mornings 9–11, B2C evenings and weekends. */
export const SEND_WINDOWS: Record<AudienceKind, { days: number[]; hour: number; minute: number }[]> = {
  b2b: [{ days: [1, 2, 3, 4, 5], hour: 9, minute: 30 }],
  b2c: [
    { days: [1, 2, 3, 4, 5], hour: 19, minute: 30 },
    { days: [0, 6], hour: 10, minute: 0 },
  ],
};

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function localParts(date: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: WEEKDAYS.indexOf(get('weekday')), hour: Number(get('hour')), minute: Number(get('minute')) };
}

/** The next send slot for the audience in the workspace's timezone, at least 15 minutes ahead. */
export function suggestSendTime(kind: AudienceKind, now: Date, timeZone: string): Date {
  const step = 15 * 60_000;
  let t = Math.ceil((now.getTime() + step) / step) * step;
  for (let i = 0; i < 8 * 24 * 4; i++, t += step) {
    const p = localParts(new Date(t), timeZone);
    if (SEND_WINDOWS[kind].some((w) => w.days.includes(p.day) && w.hour === p.hour && w.minute === p.minute)) return new Date(t);
  }
  return new Date(now.getTime() + 60 * 60_000);
}
