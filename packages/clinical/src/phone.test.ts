import { describe, it, expect } from 'vitest';
import { formatUkPhone, normaliseUkPhone, phoneError } from './phone.ts';

describe('normaliseUkPhone', () => {
  it.each([
    ['01632 960001', '01632960001'],
    ['01632960001', '01632960001'],
    ['07700 900 982', '07700900982'],
    ['+44 7700 900982', '07700900982'],
    ['+447700900982', '07700900982'],
    ['+44 (0)1632 960001', '01632960001'],
    ['0044 1632 960001', '01632960001'],
    ['0044 (0)1632 960001', '01632960001'],
    ['01632.960.001', '01632960001'],
    ['(01632) 960001', '01632960001'],
    ['01632-960-001', '01632960001'],
    ['016977 3999', '0169773999'], // ten-digit numbers exist in small exchanges
    ['', null],
    ['1632 960001', null], // no leading 0
    ['0163296', null], // too short
    ['016329600011', null], // too long
    ['01632 96000a', null],
    ['tel 01632 960001', null],
    ['+1 212 555 0100', null],
  ])('%j -> %j', (input, expected) => {
    expect(normaliseUkPhone(input)).toBe(expected);
  });
});

describe('formatUkPhone', () => {
  it.each([
    ['01632960001', '01632 960001'],
    ['07700900982', '07700 900982'],
    ['02079460000', '020 7946 0000'],
    ['01214960000', '0121 496 0000'],
    ['01134960000', '0113 496 0000'],
    ['03001234567', '0300 123 4567'],
    ['08001234567', '0800 123 4567'],
    ['09098790000', '0909 879 0000'],
    ['01697733999', '01697 733999'],
    ['0169773999', '01697 73999'],
    ['123', '123'],
    ['0113496000', '01134 96000'], // ten digits are always 5 + 5
    ['x01632960001', 'x01632960001'], // not a number it made: left as it is
    ['016329600011', '016329600011'],
  ])('%j -> %j', (input, expected) => {
    expect(formatUkPhone(input)).toBe(expected);
  });
});

describe('phoneError', () => {
  it.each([
    ['', 'Phone number', {}, 'Enter phone number'],
    ['', 'Phone number', { required: false }, null],
    ['  ', 'Carer phone number', {}, 'Enter carer phone number'],
    ['', 'GP surgery phone number', {}, 'Enter GP surgery phone number'],
    ['', 'Carer’s GP phone number', {}, 'Enter carer’s GP phone number'],
    ['12', 'GP surgery phone number', {}, 'Enter GP surgery phone number in the correct format, like 01632 960 001 or 07700 900 982'],
    ['12', 'Phone number', {}, 'Enter phone number in the correct format, like 01632 960 001 or 07700 900 982'],
    ['12', 'Phone number', { required: false }, 'Enter phone number in the correct format, like 01632 960 001 or 07700 900 982'],
    ['07700 900982', 'Phone number', {}, null],
  ])('%j (%s, %j) -> %j', (input, label, options, expected) => {
    expect(phoneError(input, label, options)).toBe(expected);
  });

  it('defaults to required', () => {
    expect(phoneError('', 'Phone number')).toBe('Enter phone number');
  });
});
