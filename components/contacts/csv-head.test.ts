import { describe, expect, it } from 'vitest';
import { parseRecords } from './csv-head';

describe('parseRecords', () => {
  it('splits quoted cells, escaped quotes and CRLF', () => {
    const text = 'email,"Name, full",tags\r\na@x.test,"Ann ""A"" B","vip; gold"\r\nb@x.test,Bob,\r\n';
    expect(parseRecords(text, ',', 10, true)).toEqual([
      ['email', 'Name, full', 'tags'],
      ['a@x.test', 'Ann "A" B', 'vip; gold'],
      ['b@x.test', 'Bob', ''],
    ]);
  });

  it('keeps a newline inside quotes and leaves out a record cut off by the slice', () => {
    const text = 'email;note\nc@x.test;"two\nlines"\nd@x.test;cut';
    expect(parseRecords(text, ';', 10, false)).toEqual([
      ['email', 'note'],
      ['c@x.test', 'two\nlines'],
    ]);
    expect(parseRecords(text, ';', 10, true)).toHaveLength(3);
  });

  it('skips blank lines and stops at the limit', () => {
    expect(parseRecords('h\n\n1\n2\n3\n', ',', 2, true)).toEqual([['h'], ['1']]);
  });
});
