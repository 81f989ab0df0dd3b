// The clinician's side's pure rules, as tables: when a tap's made-at time is taken, refused, or moved
// to the service's time; which codes may be set.
import { describe, expect, it } from 'vitest';
import { HomewardError } from '../platform/homeward-error.ts';
import { checkMadeAt } from './check-made-at.ts';
import { checkLoneWorkingCodes } from './set-lone-working-codes.ts';

const received = new Date('2026-11-24T10:20:00Z');
const minutes = (n: number) => new Date(received.getTime() + n * 60_000);

describe('checkMadeAt', () => {
  it.each([
    ['no time sent: the time it arrived', null, received],
    ['made 18 minutes before it arrived (offline)', minutes(-18), minutes(-18)],
    ['made 23 hours 59 minutes before', minutes(-(24 * 60 - 1)), minutes(-(24 * 60 - 1))],
    ['a phone a minute fast: the time it arrived, never in the future', minutes(1), received],
  ])('%s', (_what, madeAt, expected) => {
    expect(checkMadeAt(madeAt, received)).toEqual(expected);
  });

  it.each([
    ['in the future beyond a phone clock’s drift', minutes(3), /in the future/],
    ['over 24 hours old', minutes(-(24 * 60 + 1)), /more than 24 hours ago/],
    ['not a time', new Date('nonsense'), /must be a date/],
  ])('refuses one %s, naming madeAt', (_what, madeAt, message) => {
    let error: unknown;
    try {
      checkMadeAt(madeAt, received);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HomewardError);
    expect((error as HomewardError).fields[0]).toMatchObject({ path: 'madeAt', message: expect.stringMatching(message) });
  });
});

describe('checkLoneWorkingCodes', () => {
  const codes = (checkOutCode: string, duressCode: string, again: Partial<{ checkOutCodeAgain: string; duressCodeAgain: string }> = {}) =>
    checkLoneWorkingCodes({ checkOutCode, checkOutCodeAgain: again.checkOutCodeAgain ?? checkOutCode, duressCode, duressCodeAgain: again.duressCodeAgain ?? duressCode }).map((p) => p.path);
  it.each([
    ['4 and 8 digits, different', '2468', '13572468', []],
    ['empty', '', '', ['checkOutCode', 'duressCode']],
    ['too short', '246', '1357', ['checkOutCode']],
    ['too long', '123456789', '1357', ['checkOutCode']],
    ['not digits', '24a8', '13 7', ['checkOutCode', 'duressCode']],
    ['the same', '2468', '2468', ['duressCode']],
    ['one starts the other', '2468', '24681', ['duressCode']],
  ])('%s', (_what, checkOut, duress, expected) => {
    expect(codes(checkOut, duress)).toEqual(expected);
  });
  it('asks that each is typed twice the same', () => {
    expect(codes('2468', '1357', { checkOutCodeAgain: '2469', duressCodeAgain: '1358' })).toEqual(['checkOutCodeAgain', 'duressCodeAgain']);
  });
});
