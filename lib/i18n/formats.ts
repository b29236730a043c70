import type { Formats } from 'next-intl';

/**
 * The one way Pulse writes a date, per locale: `format.dateTime(d, 'date')` or `(d, 'dateTime')`.
 * Named formats live in the request config (and reach client components through the provider),
 * so no component picks its own dateStyle.
 */
export const formats = {
  dateTime: {
    date: { dateStyle: 'medium' },
    dateTime: { dateStyle: 'medium', timeStyle: 'short' },
    /** Chart axes by month. */
    month: { month: 'short', year: 'numeric' },
  },
} satisfies Formats;

declare module 'next-intl' {
  interface AppConfig {
    Formats: typeof formats;
  }
}
