import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
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
/** The argument names of an ICU message (select/plural branch texts are not arguments). */
function argumentNames(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
    if (el.type === TYPE.tag) {
      argumentNames(el.children, into);
      continue;
    }
    into.add(el.value);
    if (el.type === TYPE.select || el.type === TYPE.plural) for (const o of Object.values(el.options)) argumentNames(o.value, into);
  }
  return into;
}
const placeholders = (s: string) => [...argumentNames(parse(s, { ignoreTag: true }))].sort();

describe('translations', () => {
  const fEn = flatten(en);
  const fNl = flatten(nl);

  it('Dutch has exactly the English keys', () => {
    expect(Object.keys(fNl).sort()).toEqual(Object.keys(fEn).sort());
  });

  it.each(Object.keys(fEn))('%s keeps its placeholders in Dutch', (key) => {
    expect(placeholders(fNl[key])).toEqual(placeholders(fEn[key]));
  });

  // Words Dutch shares with English (names, loanwords, placeholders-only). Anything else that reads
  // the same in both catalogues is English left in the Dutch UI.
  const SAME_IN_BOTH = new Set([
    'Pulse', 'Dashboard', 'SmartLinks', 'Account', 'E-commerce', 'SaaS', 'B2B', 'B2C', 'English', 'Nederlands',
    '{low} – {high} %', '%', '{date, date, medium}', '{date, date, medium} {date, time, short}', 'Host', 'Benchmarks',
    'Google Ads', 'Status', 'Route', 'SMTP', '+{count}', 'Segment', 'Type', 'Link (https://…)', 'Variant {key}',
    'Bounces', 'Link', 'Variant', 'Status: {statuses}', 'CTR',
    // Survey report: names, Dutch loanwords, score ranges and the Dutch abbreviation "wk" (week).
    'Net Promoter Score', 'NPS', 'CSAT %', 'Open', 'Contact', 'Score', 'score {score}', 'Passive', 'Passives', 'wk {date}',
    '9–10', '7–8', '0–6', '4–5', '3', '1–2', 'Score {score}: {count} ({share}), {group}',
  ]);
  it('Dutch never repeats an English value, apart from words both languages share', () => {
    const leftover = Object.keys(fEn).filter((k) => fNl[k] === fEn[k] && !SAME_IN_BOTH.has(fEn[k]));
    expect(leftover).toEqual([]);
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
