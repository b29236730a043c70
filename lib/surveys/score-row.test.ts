import { describe, expect, it } from 'vitest';
import { contrastRatio, defaultSurveyQuestion, safeColor, scoreRowHtml, scoreRowText, textOn } from './score-row';

const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);

describe('scoreRowHtml', () => {
  const row = (kind: 'nps' | 'csat', locale: 'en' | 'nl' = 'en') =>
    scoreRowHtml({ kind, brandColor: '#4f46e5', locale, question: 'Q <b>?', hrefFor: (s) => `https://x.test/t/s/${s}?a=1&b=2` });

  it.each([
    ['nps', 11, 0, 10],
    ['csat', 5, 1, 5],
  ] as const)('%s: %i buttons from %i to %i, in one table row', (kind, n, min, max) => {
    const html = row(kind);
    expect(hrefs(html)).toHaveLength(n);
    expect(hrefs(html)[0]).toBe(`https://x.test/t/s/${min}?a=1&amp;b=2`);
    expect(hrefs(html).at(-1)).toBe(`https://x.test/t/s/${max}?a=1&amp;b=2`);
    expect(html.match(/<tr>/g)).toHaveLength(2); // the buttons, the end labels
    expect(html).toContain('table-layout:fixed');
  });

  it('escapes the question and labels the ends in the survey language', () => {
    expect(row('nps')).toContain('Q &lt;b&gt;?');
    expect(row('nps')).toContain('Not at all likely');
    expect(row('nps')).toContain('Extremely likely');
    expect(row('nps', 'nl')).toContain('Helemaal niet waarschijnlijk');
    expect(row('nps', 'nl')).toContain('Zeer waarschijnlijk');
    expect(row('csat', 'nl')).toContain('Zeer tevreden');
  });

  it('never lets a brand colour out of its style attribute', () => {
    const html = scoreRowHtml({ kind: 'csat', brandColor: 'red;background:url(x)', locale: 'en', question: 'Q', hrefFor: () => '#' });
    expect(html).not.toContain('url(x)');
    expect(html).toContain('#4f46e5');
  });
});

describe('colours', () => {
  it.each(['#4f46e5', '#ffeb3b', '#777777', '#000000', '#ffffff', '#22c55e', '#f97316'])('text on %s reaches 4.5:1', (bg) => {
    expect(contrastRatio(bg, textOn(bg))).toBeGreaterThanOrEqual(4.5);
  });
  it('expands short hex and rejects the rest', () => {
    expect(safeColor('#ABC')).toBe('#aabbcc');
    expect(safeColor('blue')).toBe('#4f46e5');
  });
});

describe('scoreRowText', () => {
  it('lists the question, what the ends mean and one link per score', () => {
    const text = scoreRowText({ kind: 'nps', brandColor: '#000', locale: 'en', question: defaultSurveyQuestion('nps', 'en'), hrefFor: (s) => `u${s}` });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/recommend us/);
    expect(lines[1]).toBe('0 = Not at all likely · 10 = Extremely likely');
    expect(lines.slice(2)).toEqual(Array.from({ length: 11 }, (_, s) => `${s}: u${s}`));
  });
});
