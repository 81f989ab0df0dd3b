import { describe, it, expect } from 'vitest';
import {
  formatNhsNumber,
  generateTestNhsNumber,
  isTestRangeNhsNumber,
  isValidNhsNumber,
  nhsNumberCheckDigit,
  nhsNumberError,
  normaliseNhsNumber,
} from './nhs-number.ts';

describe('normaliseNhsNumber', () => {
  it.each([
    ['9434765919', '9434765919'],
    ['943 476 5919', '9434765919'],
    ['  943 476 5919  ', '9434765919'],
    ['943-476-5919', '9434765919'],
    ['943  476\t5919', '9434765919'],
    ['', ''],
    ['abc', 'abc'],
  ])('%j -> %j', (input, expected) => {
    expect(normaliseNhsNumber(input)).toBe(expected);
  });
});

describe('nhsNumberCheckDigit', () => {
  it.each([
    ['943476591', 9], // 299 mod 11 = 2, 11 - 2 = 9
    ['999999999', 9], // 486 mod 11 = 2
    ['401023213', 7],
    ['000000000', 0], // sum 0: 11 - 0 = 11, which means 0
    ['999000000', 0], // 243 mod 11 = 1: 11 - 1 = 10, invalid
  ])('%s -> %s', (firstNine, expected) => {
    const check = nhsNumberCheckDigit(firstNine);
    if (firstNine === '999000000') expect(check).toBeNull();
    else expect(check).toBe(expected);
  });

  it.each(['12345678', '1234567890', '9434765919', 'x94347659', '94347659x', 'abcdefghi', ''])('rejects %j', (input) => {
    expect(nhsNumberCheckDigit(input)).toBeNull();
  });
});

describe('isValidNhsNumber', () => {
  it.each([
    ['9434765919', true],
    ['9999999999', true],
    ['4010232137', true],
    ['0000000000', true],
    ['9434765918', false], // wrong check digit
    ['9434765910', false],
    ['943476591', false], // nine digits
    ['94347659190', false], // eleven digits
    ['943 476 5919', false], // must be normalised first
    ['94347659a9', false],
    ['', false],
  ])('%j -> %s', (digits, expected) => {
    expect(isValidNhsNumber(digits)).toBe(expected);
  });

  it('rejects every number whose check would be 10', () => {
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`999000000${d}`)).toBe(false);
  });
});

describe('formatNhsNumber', () => {
  it.each([
    ['9434765919', '943 476 5919'],
    ['943-476-5919', '943 476 5919'],
    [' 943 4765919 ', '943 476 5919'],
    ['12345', '12345'], // not ten digits: left as typed
    ['94347659190', '94347659190'],
    ['x9434765919', 'x9434765919'],
  ])('%j -> %j', (input, expected) => {
    expect(formatNhsNumber(input)).toBe(expected);
  });
});

describe('nhsNumberError', () => {
  it.each([
    ['', 'Enter an NHS number'],
    ['   ', 'Enter an NHS number'],
    ['943476591A', 'NHS number must only include numbers 0 to 9 and spaces'],
    ['943.476.5919', 'NHS number must only include numbers 0 to 9 and spaces'],
    ['+9434765919', 'NHS number must only include numbers 0 to 9 and spaces'],
    ['943476591', 'NHS number must be 10 digits'],
    ['94347659190', 'NHS number must be 10 digits'],
    ['943 476 591', 'NHS number must be 10 digits'],
    ['9434765918', 'Enter a valid NHS number'],
    ['9990000000', 'Enter a valid NHS number'],
    ['9434765919', null],
    ['943 476 5919', null],
    [' 943-476-5919 ', null],
    ['9999999999', null],
  ])('%j -> %j', (input, expected) => {
    expect(nhsNumberError(input)).toBe(expected);
  });
});

describe('isTestRangeNhsNumber', () => {
  it.each([
    ['9999999999', true],
    ['999 123 4567', true],
    ['9434765919', false],
    ['999', false],
    ['0999999999', false],
    ['99912345678', false],
    ['19991234567', false],
  ])('%j -> %s', (input, expected) => {
    expect(isTestRangeNhsNumber(input)).toBe(expected);
  });
});

describe('generateTestNhsNumber', () => {
  it('returns a valid number in the 999 range', () => {
    let state = 1;
    const next = () => {
      state = (state * 48271) % 2147483647;
      return state / 2147483647;
    };
    for (let i = 0; i < 1000; i++) {
      const n = generateTestNhsNumber(next);
      expect(isValidNhsNumber(n)).toBe(true);
      expect(isTestRangeNhsNumber(n)).toBe(true);
    }
  });

  it('keeps the leading zeros of a small draw: 999 000 001 is nine digits', () => {
    const draws = [0.0000015, 0.9999999];
    expect(generateTestNhsNumber(() => draws.shift()!)).toBe('9990000018');
  });

  it('retries when the check digit would be 10', () => {
    // 0 gives 999000000, whose check would be 10; the second draw gives 999999999.
    const draws = [0, 0.9999999];
    const n = generateTestNhsNumber(() => draws.shift()!);
    expect(n).toBe('9999999999');
    expect(draws).toHaveLength(0);
  });

  it('uses the random function it is given', () => {
    expect(generateTestNhsNumber(() => 0.4765919)).toMatch(/^999476591\d$/);
  });
});
