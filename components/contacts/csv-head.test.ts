import { describe, expect, it } from 'vitest';
import { detectDelimiter as serverRule } from '@/lib/contacts/import-source';
import { detectDelimiter, parseRecords } from './csv-head';

describe('detectDelimiter (browser) agrees with the server', () => {
  it.each([
    'email,first_name,last_name',
    'E-mail;Voornaam;Achternaam',
    'email;name,with,commas',
    '"a;b;c",d',
    '"a,b,c";d;e',
    'email',
    'a,b\nc;d;e;f',
    'a;b\r\nc,d,e,f',
    '',
    'x,y;z',
  ])('%j', (head) => {
    expect(detectDelimiter(head)).toBe(serverRule(head));
  });
});

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
