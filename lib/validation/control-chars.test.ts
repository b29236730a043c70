import { describe, expect, it } from 'vitest';
import { contactFilterSchema } from '@/lib/db/schema/contacts/validation';
import { hasControlChars, optionalPlainText, password, plainText, searchText } from './fields';

const CONTROLS = ['\u0000', '\u0001', '\t', '\n', '\r', '\u000b', '\u001b', '\u007f', '\u0085', '\u009b', '\u2028', '\u2029'];

describe('shared text helpers refuse control characters', () => {
  it.each(CONTROLS.map((c) => [JSON.stringify(c), c]))('%s inside a value', (_, c) => {
    const value = `Ada${c}Lovelace`;
    expect(hasControlChars(value)).toBe(true);
    expect(plainText(80).safeParse(value).error?.issues[0].message).toBe('validation.controlChars');
    expect(optionalPlainText(80).safeParse(value).error?.issues[0].message).toBe('validation.controlChars');
    expect(searchText(200).safeParse(value).error?.issues[0].message).toBe('validation.controlChars');
    expect(password.safeParse(`correct-horse${c}battery`).success).toBe(false);
  });

  it('a NUL in the contacts search is a validation problem, not a database error', () => {
    const r = contactFilterSchema.safeParse({ q: 'ab\u0000c' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['q']);
  });

  it('keeps ordinary text, accents, emoji and surrounding whitespace trimmed', () => {
    expect(plainText(80).parse('  Zoë Ünal 🚀 ')).toBe('Zoë Ünal 🚀');
    expect(searchText(200).parse(' jan@example.com ')).toBe('jan@example.com');
    expect(hasControlChars('Crème brûlée – 10 €')).toBe(false);
  });
});
