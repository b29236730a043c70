import { describe, expect, it } from 'vitest';
import { detectDelimiter } from './delimiter';

describe('detectDelimiter (one rule for the browser preview and the server import)', () => {
  it.each([
    ['email,first_name,last_name', ','],
    ['E-mail;Voornaam;Achternaam', ';'],
    ['email;name,with,commas', ','],
    ['"a;b;c",d', ','],
    ['"a,b,c";d;e', ';'],
    ['email', ','],
    ['a,b\nc;d;e;f', ','],
    ['a;b\r\nc,d,e,f', ';'],
    ['', ','],
    ['x,y;z', ','],
  ] as const)('%j → %s', (head, expected) => {
    expect(detectDelimiter(head)).toBe(expected);
  });
});
