import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { formulaCells } from '@/tests/integration/support/spreadsheet';
import { isFormulaLike, neutraliseCell, safeRow } from './safe-cell';

/** Payloads from OWASP's CSV-injection page and variants that hide the formula behind a delimiter. */
const CORPUS = [
  '=2+2',
  '+SUM(A1)',
  '-1',
  '@risk',
  '\t=1+1',
  '\r=1+1',
  '\tplain',
  '=cmd|\' /C calc\'!A0',
  '=HYPERLINK("http://evil.test","click")',
  'x;=2+2;y',
  'x,=2+2,y',
  'x|=2+2',
  'x\t=2+2',
  'x\n=2+2',
  'x\r\n@SUM(1)',
  'x; =2+2',
  'x;"=2+2"',
  'x;  "+1"',
  ' =1+1',
  '"=1+1"',
  'a;b;-c',
  '==1',
  '=',
];

describe('neutraliseCell', () => {
  it.each([
    ['Anna', 'Anna'],
    ['anna-de-vries@example.nl', 'anna-de-vries@example.nl'],
    ['2024-05-01T10:00:00.000Z', '2024-05-01T10:00:00.000Z'],
    ['Jean-Luc', 'Jean-Luc'],
    ['=2+2', "'=2+2"],
    ['-1', "'-1"],
    ['x;=2+2;y', "x;'=2+2;y"],
    ['x, @SUM(1)', "x, '@SUM(1)"],
    ['\t=1', "'\t'=1"],
    ['\rfoo', "'\rfoo"],
    ["'=1", "'=1"],
  ])('%j → %j', (input, output) => {
    expect(neutraliseCell(input)).toBe(output);
  });

  it.each(CORPUS)('%j is formula-like before and inert after', (payload) => {
    expect(isFormulaLike(payload)).toBe(true);
    expect(isFormulaLike(neutraliseCell(payload))).toBe(false);
  });

  it.each([',', ';'] as const)('no spreadsheet split of a %j file finds a formula cell', (delimiter) => {
    const csv = stringify(
      CORPUS.map((p) => safeRow(['ok', p, 'tail'])),
      { delimiter, record_delimiter: 'windows' },
    );
    expect(formulaCells(csv)).toEqual([]);
    // The same file without neutralising is caught by the check: it can fail.
    expect(formulaCells(stringify(CORPUS.map((p) => ['ok', p, 'tail']), { delimiter })).length).toBeGreaterThan(CORPUS.length / 2);
  });
});
