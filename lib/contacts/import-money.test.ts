import { describe, expect, it } from 'vitest';
import { parseImportMoney } from './import-money';

describe('parseImportMoney', () => {
  it.each([
    ['99', 9900],
    ['0', 0],
    ['99.00', 9900],
    ['99,5', 9950],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1.234', 123400],
    ['1,234', 123400],
    ['1.234.567,8', 123456780],
    ['1 234,56', 123456],
    ['€ 99', 9900],
    ['€99,95', 9995],
    ['$99.00', 9900],
    ['99 EUR', 9900],
    ['EUR 1.234,00', 123400],
    ['  12.3  ', 1230],
    ['0.125', 13],
    ['-0', 0],
  ])('%s → %i cents', (raw, cents) => {
    expect(parseImportMoney(raw)).toEqual({ cents });
  });

  it.each([
    ['-5', 'moneyNegative'],
    ['€ -5,00', 'moneyNegative'],
    ['(12.00)', 'moneyNegative'],
    ['abc', 'moneyFormat'],
    ['12abc', 'moneyFormat'],
    ['1.2.3', 'moneyFormat'],
    ['12,34,56', 'moneyFormat'],
    ['1,23.45', 'moneyFormat'],
    ['€', 'moneyFormat'],
    ['', 'moneyFormat'],
    ['1e5', 'moneyFormat'],
    ['999999999999', 'moneyTooLarge'],
  ])('%s is refused: %s', (raw, reason) => {
    expect(parseImportMoney(raw)).toEqual({ reason });
  });
});
