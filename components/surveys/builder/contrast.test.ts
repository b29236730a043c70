import { describe, expect, it } from 'vitest';
import { MIN_TEXT_CONTRAST, whiteTextContrast } from './contrast';

describe('whiteTextContrast', () => {
  it.each([
    ['#000000', 21],
    ['#ffffff', 1],
    ['#4f46e5', 6.29],
    ['#767676', 4.54],
  ])('%s → %d : 1', (hex, ratio) => {
    expect(whiteTextContrast(hex)).toBeCloseTo(ratio, 1);
  });

  it('flags light colours and ignores what is not a hex colour', () => {
    expect(whiteTextContrast('#fbbf24')! < MIN_TEXT_CONTRAST).toBe(true);
    expect(whiteTextContrast('red')).toBeNull();
  });
});
