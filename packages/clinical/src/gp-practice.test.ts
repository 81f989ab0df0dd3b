import { describe, expect, it } from 'vitest';
import { gpPracticeProblems, hasGpPractice, isOdsPracticeCode, normaliseOdsPracticeCode } from './gp-practice.ts';

describe('GP practice ODS codes', () => {
  it.each([
    ['M83001', true],
    ['m83001', true],
    ['M83 001', true],
    ['W95010', true],
    ['M8300', false],
    ['M830011', false],
    ['838001', false],
    ['MM3001', false],
    ['MM83001', false],
    ['', false],
  ])('%s is a practice code: %s', (code, expected) => {
    expect(isOdsPracticeCode(code)).toBe(expected);
  });

  it('normalises what was typed', () => {
    expect(normaliseOdsPracticeCode(' m83 001 ')).toBe('M83001');
  });
});

describe('GP practice: both or neither', () => {
  it.each([
    [{ code: null, name: null }, []],
    [{ code: 'M83001', name: 'Burslem Health Centre' }, []],
    [{ code: 'm83001', name: 'Burslem Health Centre' }, []],
    [{ code: 'M83001', name: null }, ['gpPracticeName']],
    [{ code: 'M83001', name: '  ' }, ['gpPracticeName']],
    [{ code: null, name: 'Burslem Health Centre' }, ['gpPracticeCode']],
    [{ code: 'X1', name: 'Burslem Health Centre' }, ['gpPracticeCode']],
    [{ code: 'X1', name: null }, ['gpPracticeCode', 'gpPracticeName']],
  ])('%o -> problems with %o', (input, paths) => {
    expect(gpPracticeProblems(input).map((p) => p.path)).toEqual(paths);
  });

  it('says what is missing in words a clinician can act on', () => {
    expect(gpPracticeProblems({ code: null, name: 'Burslem Health Centre' })[0]!.message).toBe('Enter the GP practice’s ODS code as well as its name, like M83001');
  });

  it('names each problem', () => {
    expect(gpPracticeProblems({ code: 'X1', name: null })).toEqual([
      { path: 'gpPracticeCode', message: 'The GP practice’s ODS code must be a letter and 5 numbers, like M83001' },
      { path: 'gpPracticeName', message: 'Enter the GP practice’s name as well as its ODS code' },
    ]);
    expect(gpPracticeProblems({ code: '  ', name: '  ' })).toEqual([]);
  });

  it('knows when the GP copy can be addressed', () => {
    expect(hasGpPractice({ gpPracticeCode: null, gpPracticeName: 'Burslem Health Centre' })).toBe(true);
    expect(hasGpPractice({ gpPracticeCode: null, gpPracticeName: null })).toBe(false);
    expect(hasGpPractice({ gpPracticeCode: 'M83001', gpPracticeName: null })).toBe(true);
  });
});
