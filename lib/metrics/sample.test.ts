import { describe, expect, it } from 'vitest';
import { BENCHMARK_MIN_DELIVERED, isSmallSample } from './sample';

describe('isSmallSample', () => {
  it.each([
    [0, true],
    [10, true],
    [BENCHMARK_MIN_DELIVERED - 1, true],
    [BENCHMARK_MIN_DELIVERED, false],
    [5000, false],
  ])('%i delivered → %s', (delivered, small) => {
    expect(isSmallSample(delivered)).toBe(small);
  });
});
