import { describe, expect, it } from 'vitest';
import en from './messages/en.json';
import nl from './messages/nl.json';
import { localeFromAcceptLanguage } from './config';

function flatten(obj: object, prefix = ''): Record<string, string> {
  return Object.entries(obj).reduce<Record<string, string>>((acc, [k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') Object.assign(acc, flatten(v, key));
    else acc[key] = String(v);
    return acc;
  }, {});
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)(?=[,}])/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const fEn = flatten(en);
  const fNl = flatten(nl);

  it('Dutch has exactly the English keys', () => {
    expect(Object.keys(fNl).sort()).toEqual(Object.keys(fEn).sort());
  });

  it.each(Object.keys(fEn))('%s keeps its placeholders in Dutch', (key) => {
    expect(placeholders(fNl[key])).toEqual(placeholders(fEn[key]));
  });

  it('every validation message used by the field rules exists', () => {
    for (const k of ['required', 'tooLong', 'noMarkup', 'email', 'url', 'passwordTooShort', 'lowAboveHigh']) {
      expect(fEn[`validation.${k}`]).toBeTruthy();
    }
  });
});

describe('localeFromAcceptLanguage', () => {
  it.each([
    ['nl-NL,nl;q=0.9,en;q=0.8', 'nl'],
    ['en-US,en;q=0.9', 'en'],
    ['de-DE,nl;q=0.5', 'nl'],
    ['fr', null],
    [null, null],
  ])('%s → %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
