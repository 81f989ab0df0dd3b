import { describe, it, expect } from 'vitest';
import { normalisePostcode, postcodeDistrict, postcodeError, postcodeOrDistrictError } from './postcode.ts';

describe('normalisePostcode', () => {
  it.each([
    ['ST4 1AB', 'ST4 1AB'],
    ['st41ab', 'ST4 1AB'],
    ['  st4   1ab ', 'ST4 1AB'],
    ['ST16 2AB', 'ST16 2AB'], // AA99
    ['B77 1AA', 'B77 1AA'], // A99
    ['M1 1AE', 'M1 1AE'], // A9
    ['W1A 0AX', 'W1A 0AX'], // A9A
    ['EC1A 1BB', 'EC1A 1BB'], // AA9A
    ['DE14 1AA', 'DE14 1AA'],
    ['WS13 6QG', 'WS13 6QG'],
    ['GIR 0AA', 'GIR 0AA'],
    ['gir0aa', 'GIR 0AA'],
    ['', null],
    ['ST4', null], // outward code only
    ['ST4 1A', null],
    ['ST4 1ABC', null],
    ['1ST 4AB', null],
    ['QT4 1AB', null], // Q never starts a postcode
    ['SI4 1AB', null], // I never second
    ['ST4 1CA', null], // C never in the inward code
    ['ST4 AAB', null],
    ['ST444 1AB', null],
    ['ST4-1AB', null],
  ])('%j -> %j', (input, expected) => {
    expect(normalisePostcode(input)).toBe(expected);
  });
});

describe('postcodeDistrict', () => {
  it.each([
    ['ST4 1AB', 'ST4'],
    ['st161ab', 'ST16'],
    ['EC1A 1BB', 'EC1A'],
    ['nonsense', null],
  ])('%j -> %j', (input, expected) => {
    expect(postcodeDistrict(input)).toBe(expected);
  });
});

describe('postcodeError', () => {
  it.each([
    ['', 'Enter a postcode'],
    ['  ', 'Enter a postcode'],
    ['ST4', 'Enter a real postcode, like ST4 6QG'],
    ['hello', 'Enter a real postcode, like ST4 6QG'],
    ['st4 6qg', null],
    ['ST46QG', null],
  ])('%j -> %j', (input, expected) => {
    expect(postcodeError(input)).toBe(expected);
  });
});

describe('a postcode or its district, to narrow a search', () => {
  it.each([['ST6 3HR', null], ['st63hr', null], ['ST6', null], ['m1', null], ['EC1A', null], ['ST', 'Enter a postcode, like ST6 3HR, or its first half, like ST6'], ['6ST', 'Enter a postcode, like ST6 3HR, or its first half, like ST6'], ['B77', null], ['W1A', null], ['ST16', null], ['s t 1 6', null], ['QT4', 'Enter a postcode, like ST6 3HR, or its first half, like ST6'], ['SI4', 'Enter a postcode, like ST6 3HR, or its first half, like ST6'], ['ST444', 'Enter a postcode, like ST6 3HR, or its first half, like ST6'], ['ST4 1A', 'Enter a postcode, like ST6 3HR, or its first half, like ST6'], ['XST4', 'Enter a postcode, like ST6 3HR, or its first half, like ST6']])('%s', (input, error) => {
    expect(postcodeOrDistrictError(input)).toBe(error);
  });
});
