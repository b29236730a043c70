import { describe, expect, it } from 'vitest';
import { parseImportDate } from './import-dates';

const NOW = new Date('2026-06-15T12:00:00Z');
const iso = (raw: string) => {
  const r = parseImportDate(raw, NOW);
  return 'date' in r ? r.date.toISOString() : r.reason;
};

describe('parseImportDate', () => {
  it.each([
    ['2024-03-05 14:07:09', '2024-03-05T14:07:09.000Z'], // Mailchimp OPTIN_TIME, UTC
    ['2024-03-05T14:07:09+02:00', '2024-03-05T12:07:09.000Z'], // Klaviyo, with offset
    ['2024-03-05T14:07:09.123Z', '2024-03-05T14:07:09.123Z'],
    ['2024-03-05T14:07:09.5+01:00', '2024-03-05T13:07:09.500Z'],
    ['2024-03-05', '2024-03-05T00:00:00.000Z'],
    ['05-03-2024', '2024-03-05T00:00:00.000Z'], // day first
    ['5.3.2024 9:30', '2024-03-05T09:30:00.000Z'],
    ['25/03/2024', '2024-03-25T00:00:00.000Z'], // day > 12: day first
    ['03/25/2024 2:15 pm', '2024-03-25T14:15:00.000Z'], // US export
    ['04/04/2024', '2024-04-04T00:00:00.000Z'],
    ['Mar 5, 2024', '2024-03-05T00:00:00.000Z'],
    ['5 March 2024 10:00', '2024-03-05T10:00:00.000Z'],
    ['1709647629', '2024-03-05T14:07:09.000Z'],
    ['1709647629000', '2024-03-05T14:07:09.000Z'],
  ])('%s → %s', (raw, expected) => expect(iso(raw)).toBe(expected));

  it.each([
    ['03/04/2024', 'dateAmbiguous'],
    ['2023-02-29', 'dateImpossible'],
    ['31-04-2024', 'dateImpossible'],
    ['2024-13-01', 'dateImpossible'],
    ['2024-01-01 25:00', 'dateImpossible'],
    ['1970-01-01', 'dateImpossible'],
    ['2026-06-20', 'dateFuture'],
    ['yesterday', 'dateFormat'],
    ['2024', 'dateFormat'],
  ])('%s is refused: %s', (raw, reason) => expect(iso(raw)).toBe(reason));
});
