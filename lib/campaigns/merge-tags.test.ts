import { describe, expect, it } from 'vitest';
import { escapeHtml } from '@/lib/mail/html';
import { renderMergeTags, unknownMergeTags } from './merge-tags';

const ada = { email: 'ada@example.test', firstName: 'Ada', lastName: 'Lovelace', joinedAt: new Date('2024-03-05T12:00:00Z'), attributes: { plan: 'pro' } };
const anon = { email: 'x@example.test' };

describe('merge tags', () => {
  it.each([
    ['Hi {{ first_name }}!', ada, 'Hi Ada!'],
    ['Hi {{first_name | "there"}}!', anon, 'Hi there!'],
    ['Hi {{ first_name }}!', anon, 'Hi !'],
    ['{{ full_name }} <{{ email }}>', ada, 'Ada Lovelace <ada@example.test>'],
    ['Plan: {{ attributes.plan | "free" }}', ada, 'Plan: pro'],
    ['Plan: {{ attributes.plan | "free" }}', anon, 'Plan: free'],
    ['{{ nonsense | "ok" }}', ada, 'ok'],
  ])('%s', (template, contact, expected) => {
    expect(renderMergeTags(template, contact, { locale: 'en' })).toBe(expected);
  });

  it('formats the join date in the workspace language', () => {
    expect(renderMergeTags('{{ join_date }}', ada, { locale: 'nl' })).toBe('5 maart 2024');
    expect(renderMergeTags('{{ join_date }}', ada, { locale: 'en' })).toBe('March 5, 2024');
  });

  it('escapes contact data in HTML, not the template', () => {
    const evil = { email: 'e@x.test', firstName: '<img src=x onerror=alert(1)>' };
    expect(renderMergeTags('Hi {{ first_name }} & co', evil, { locale: 'en', escape: escapeHtml })).toBe(
      'Hi &lt;img src=x onerror=alert(1)&gt; &amp; co',
    );
  });

  it('lists unknown tags', () => {
    expect(unknownMergeTags('{{ first_name }} {{ frist_name }} {{ attributes.x }}')).toEqual(['frist_name']);
  });

  it.each([
    ['Europe/Amsterdam', 'nl', '12 maart 2027'],
    ['America/New_York', 'en', 'March 11, 2027'],
  ])('dates a sequence step on the workspace calendar (%s)', (timeZone, locale, expected) => {
    // 23:30 UTC on 11 March is already 12 March in Amsterdam, still 11 March in New York.
    const c = { email: 'e@x.test', sunsetAt: new Date('2027-03-11T23:30:00Z'), daysAway: 94 };
    expect(renderMergeTags('{{ sunset_date }} · {{ days_away }}', c, { locale, timeZone })).toBe(`${expected} · 94`);
  });

  it('leaves days_away and sunset_date empty outside a sequence, with their fallback', () => {
    expect(renderMergeTags('{{ days_away | "a while" }}/{{ sunset_date }}', { email: 'e@x.test' }, { locale: 'en' })).toBe('a while/');
  });
});
