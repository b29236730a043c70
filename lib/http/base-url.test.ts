import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './base-url';

describe('safeRedirectPath', () => {
  it.each([
    ['/w/acme/dashboard', '/w/acme/dashboard'],
    ['/invite/abc', '/invite/abc'],
    ['https://evil.example', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    [undefined, '/'],
  ])('%s → %s', (input, expected) => {
    expect(safeRedirectPath(input)).toBe(expected);
  });
});
