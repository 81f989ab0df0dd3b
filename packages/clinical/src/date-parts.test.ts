import { describe, it, expect } from 'vitest';
import type { DatePartsOptions } from './date-parts.ts';
import { ageOn, daysInMonth, formatDisplayDate, isLeapYear, isoDateToParts, parseDateParts } from './date-parts.ts';

const dob: DatePartsOptions = { label: 'Date of birth', today: '2026-11-24', mustBePast: true, earliestYear: 1900 };
const all = ['day', 'month', 'year'];

describe('parseDateParts: date of birth', () => {
  it.each([
    // [day, month, year, expected message or value, highlighted fields]
    ['', '', '', 'Enter date of birth', all],
    [' ', ' ', ' ', 'Enter date of birth', all],
    ['4', '', '1948', 'Date of birth must include a month', ['month']],
    ['', '3', '1948', 'Date of birth must include a day', ['day']],
    ['4', '3', '', 'Date of birth must include a year', ['year']],
    ['', '3', '', 'Date of birth must include a day and year', ['day', 'year']],
    ['4', '', '', 'Date of birth must include a month and year', ['month', 'year']],
    ['', '', '1948', 'Date of birth must include a day and month', ['day', 'month']],
    ['x', '3', '1948', 'Date of birth must be a real date', ['day']],
    ['4', '3', '19x8', 'Date of birth must be a real date', ['year']],
    ['4.5', 'xx', '1948', 'Date of birth must be a real date', ['day', 'month']],
    ['4', '3', '48', 'Year must include 4 numbers', ['year']],
    ['4', '3', '01948', 'Year must include 4 numbers', ['year']],
    ['32', '3', '1948', 'Date of birth must be a real date', ['day']],
    ['0', '3', '1948', 'Date of birth must be a real date', ['day']],
    ['4', '13', '1948', 'Date of birth must be a real date', ['month']],
    ['4', '0', '1948', 'Date of birth must be a real date', ['month']],
    ['40', '13', '1948', 'Date of birth must be a real date', ['day', 'month']],
    ['31', '4', '1948', 'Date of birth must be a real date', ['day']],
    ['29', '2', '1947', 'Date of birth must be a real date', ['day']],
    ['29', '2', '1900', 'Date of birth must be a real date', ['day']], // 1900 was not a leap year
    ['24', '11', '2026', 'Date of birth must be in the past', all], // today is not the past
    ['1', '1', '2030', 'Date of birth must be in the past', all],
    ['31', '12', '1899', 'Date of birth must be the same as or after 1 January 1900', all],
  ])('%j/%j/%j -> %j', (day, month, year, message, fields) => {
    expect(parseDateParts({ day, month, year }, dob)).toEqual({ ok: false, message, fields });
  });

  it.each([
    ['4', '3', '1948', '1948-03-04'],
    ['04', '03', '1948', '1948-03-04'],
    [' 4 ', ' 3 ', ' 1948 ', '1948-03-04'],
    ['4', 'March', '1948', '1948-03-04'],
    ['4', 'mar', '1948', '1948-03-04'],
    ['4', 'SEPT', '1948', '1948-09-04'],
    ['29', '2', '1948', '1948-02-29'],
    ['29', '2', '2000', '2000-02-29'],
    ['1', '1', '1900', '1900-01-01'],
    ['23', '11', '2026', '2026-11-23'],
  ])('%j/%j/%j is %s', (day, month, year, value) => {
    expect(parseDateParts({ day, month, year }, dob)).toEqual({ ok: true, value });
  });
});

describe('parseDateParts: other labels and rules', () => {
  it.each([
    ['Referral date', {}, '', '', '', 'Enter referral date'],
    ['Referral date', {}, '1', '', '', 'Referral date must include a month and year'],
    ['referral date', {}, '1', '', '2026', 'Referral date must include a month'],
    ['NHS start date', {}, '', '', '', 'Enter NHS start date'],
    ['Date of NHS registration', {}, '', '', '', 'Enter date of NHS registration'],
    ['Date of birth', {}, '4', 'ma', '1948', 'Date of birth must be a real date'], // two letters could be March or May
    ['Date of birth', {}, '4', 'ju', '1948', 'Date of birth must be a real date'],
    ['Date of birth', {}, '4', 'x3', '1948', 'Date of birth must be a real date'],
    ['Date of birth', {}, '4', '3x', '1948', 'Date of birth must be a real date'],
    ['Date of birth', {}, '4', 'marc', '1948x', 'Date of birth must be a real date'],
    ['Visit date', { mustBeFuture: true }, '24', '11', '2026', 'Visit date must be in the future'],
    ['Visit date', { mustBeFuture: true }, '1', '1', '2020', 'Visit date must be in the future'],
    ['Visit date', { earliestYear: 2026 }, '31', '12', '2025', 'Visit date must be the same as or after 1 January 2026'],
  ])('%s %j: %j/%j/%j -> %j', (label, extra, day, month, year, message) => {
    const result = parseDateParts({ day, month, year }, { label, today: '2026-11-24', ...extra });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toBe(message);
    if (!result.ok && /past|future|after/.test(message)) expect(result.fields).toEqual(all);
  });

  it('accepts a future date when the future is required', () => {
    expect(parseDateParts({ day: '25', month: '11', year: '2026' }, { label: 'Visit date', today: '2026-11-24', mustBeFuture: true })).toEqual({ ok: true, value: '2026-11-25' });
  });

  it.each([
    ['jan', '01'], ['feb', '02'], ['mar', '03'], ['apr', '04'], ['may', '05'], ['june', '06'],
    ['jul', '07'], ['aug', '08'], ['sep', '09'], ['Oct', '10'], ['NOV', '11'], ['December', '12'],
  ])('reads the month %j as %s', (month, mm) => {
    expect(parseDateParts({ day: '1', month, year: '2000' }, { label: 'Date', today: '2026-11-24' })).toEqual({ ok: true, value: `2000-${mm}-01` });
  });

  it('keeps a year with a leading zero at four digits (refused only by an earliest year)', () => {
    expect(parseDateParts({ day: '1', month: '1', year: '0999' }, { label: 'Date', today: '2026-11-24' })).toEqual({ ok: true, value: '0999-01-01' });
  });

  it('accepts 31 in a long month and 12 as a month', () => {
    expect(parseDateParts({ day: '31', month: '12', year: '2025' }, { label: 'Date', today: '2026-11-24' })).toEqual({ ok: true, value: '2025-12-31' });
  });

  it('accepts today with no past or future rule', () => {
    expect(parseDateParts({ day: '24', month: '11', year: '2026' }, { label: 'Date', today: '2026-11-24' })).toEqual({ ok: true, value: '2026-11-24' });
  });
});

describe('isLeapYear and daysInMonth', () => {
  it.each([
    [2000, true],
    [1900, false],
    [2024, true],
    [2026, false],
  ])('%i leap: %s', (year, expected) => {
    expect(isLeapYear(year)).toBe(expected);
  });

  it.each([
    [2026, 1, 31],
    [2026, 2, 28],
    [2024, 2, 29],
    [2026, 4, 30],
    [2026, 6, 30],
    [2026, 9, 30],
    [2026, 11, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (year, month, expected) => {
    expect(daysInMonth(year, month)).toBe(expected);
  });
});

describe('isoDateToParts', () => {
  it.each([
    ['1948-03-04', { day: '4', month: '3', year: '1948' }],
    ['2026-11-24', { day: '24', month: '11', year: '2026' }],
    ['not a date', { day: '', month: '', year: '' }],
    ['x1948-03-04', { day: '', month: '', year: '' }],
    ['1948-03-04x', { day: '', month: '', year: '' }],
    ['1948-3-4', { day: '', month: '', year: '' }],
  ])('%s', (iso, expected) => {
    expect(isoDateToParts(iso)).toEqual(expected);
  });

  it('round-trips through parseDateParts', () => {
    expect(parseDateParts(isoDateToParts('1948-03-04'), dob)).toEqual({ ok: true, value: '1948-03-04' });
  });
});

describe('formatDisplayDate', () => {
  it('names every month', () => {
    expect(Array.from({ length: 12 }, (_v, i) => formatDisplayDate(`2000-${String(i + 1).padStart(2, '0')}-15`))).toEqual([
      '15 January 2000', '15 February 2000', '15 March 2000', '15 April 2000', '15 May 2000', '15 June 2000',
      '15 July 2000', '15 August 2000', '15 September 2000', '15 October 2000', '15 November 2000', '15 December 2000',
    ]);
  });

  it.each([
    ['1948-03-04', '4 March 1948'],
    ['2026-11-24', '24 November 2026'],
    ['2000-01-01', '1 January 2000'],
    ['2000-12-31', '31 December 2000'],
    ['2000-13-01', '2000-13-01'],
    ['garbage', 'garbage'],
    ['x1948-03-04', 'x1948-03-04'],
    ['1948-03-04x', '1948-03-04x'],
    ['2000-00-01', '2000-00-01'],
  ])('%s -> %s', (iso, expected) => {
    expect(formatDisplayDate(iso)).toBe(expected);
  });
});

describe('ageOn', () => {
  it.each([
    ['1948-03-04', '2026-11-24', 78],
    ['1948-11-24', '2026-11-24', 78], // birthday today
    ['1948-11-25', '2026-11-24', 77], // birthday tomorrow
    ['1948-12-01', '2026-11-24', 77],
    ['1948-03-30', '2026-11-24', 78], // a later month, an earlier day of the month
    ['2026-11-24', '2026-11-24', 0],
    ['2000-02-29', '2001-02-28', 0],
    ['2000-02-29', '2001-03-01', 1],
    ['2000-02-29', '2004-02-29', 4],
  ])('born %s, on %s: %i', (born, on, expected) => {
    expect(ageOn(born, on)).toBe(expected);
  });
});
