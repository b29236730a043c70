import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/**
 * Refuses passwords an attacker tries first: zxcvbn-ts with its common-password and keyboard-
 * pattern dictionaries must estimate at least 10^8 guesses (score 3 of 4), on top of the length
 * rule. Words of the product itself count as known, so "pulse-pulse-pulse" does not pass.
 */
export const MIN_PASSWORD_SCORE = 3;
const PRODUCT_WORDS = ['pulse', 'pulseapp', 'password', 'welcome'];

let factory: ZxcvbnFactory | undefined;

export function isGuessablePassword(password: string, userInputs: string[] = []): boolean {
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  // zxcvbn's cost grows with length; the first 100 characters decide the estimate.
  return factory.check(password.slice(0, 100), [...PRODUCT_WORDS, ...userInputs]).score < MIN_PASSWORD_SCORE;
}
