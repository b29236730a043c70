import { describe, expect, it } from 'vitest';
import { slugify } from './create';

describe('slugify', () => {
  it.each([
    ['Koffiebranderij Één', /^koffiebranderij-een-[0-9a-f]{6}$/],
    ['  Acme, Inc.  ', /^acme-inc-[0-9a-f]{6}$/],
    ['<script>', /^script-[0-9a-f]{6}$/],
    ['!!!', /^workspace-[0-9a-f]{6}$/],
  ])('%s', (name, pattern) => {
    expect(slugify(name)).toMatch(pattern);
  });
  it('differs per call so equal names never collide', () => {
    expect(slugify('Acme')).not.toBe(slugify('Acme'));
  });
});
