import { describe, expect, it } from 'vitest';
import { formVersion } from './form-body.ts';
import { HomewardError } from './homeward-error.ts';
import { isStoredVersion, largestStoredInteger, version } from './number-schemas.ts';

describe('record versions', () => {
  it.each([
    [1, true],
    [largestStoredInteger, true],
    [2 ** 31, false],
    [0, false],
    [-1, false],
    [1.5, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
  ])('%d storable: %s', (n, ok) => {
    expect(isStoredVersion(n)).toBe(ok);
    expect(version.safeParse(n).success).toBe(ok);
  });

  it.each([['3', 3], [' 3 ', 3], ['2147483647', largestStoredInteger]])('a form version of %j is %d', (text, n) => expect(formVersion(text)).toBe(n));

  it.each(['', '2147483648', '0', '-1', '1.5', '1e3', '0x10', 'NaN', '٣', '99999999999'])('a form version of %j is refused, naming the field', (text) => {
    const refusal = (() => {
      try {
        formVersion(text);
      } catch (error) {
        return error;
      }
    })() as HomewardError;
    expect(refusal).toBeInstanceOf(HomewardError);
    expect(refusal.code).toBe('validation_failed');
    expect(refusal.fields).toEqual([{ path: 'version', message: expect.stringContaining('reload the page') }]);
  });
});

describe('what a client is told about a version', () => {
  it.each([
    ['not a number', 'x', 'Send the version of the record you read, as a whole number'],
    ['not whole', 1.5, 'Send the version of the record you read, as a whole number'],
    ['below 1', 0, 'Send the version of the record you read, as a whole number'],
    ['beyond any stored record', largestStoredInteger + 1, 'No record has this version: send the version of the record you read'],
  ])('%s', (_story, value, message) => {
    const result = version.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
  });
});
