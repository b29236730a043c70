/**
 * Under this many delivered mails a rate swings by whole percentage points per recipient, so a
 * benchmark verdict ("Exceptional") is shown with a small-sample note rather than on its own.
 */
export const BENCHMARK_MIN_DELIVERED = 100;

export function isSmallSample(delivered: number): boolean {
  return delivered < BENCHMARK_MIN_DELIVERED;
}
