import { describe, expect, it } from 'vitest';
import { addCalendarDays, addCalendarMonths } from '../episode-dates.ts';
import { checkInspectionDate, inspectionState, itemStatusAfterInspection, itemStatusOnReturn, nextInspectionDue } from './inspection-due.ts';

describe('addCalendarMonths', () => {
  it.each([
    ['2026-01-15', 6, '2026-07-15'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-12-05', 1, '2027-01-05'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-07-01', 60, '2031-07-01'],
  ])('%s plus %i months is %s', (day, months, expected) => {
    expect(addCalendarMonths(day, months)).toBe(expected);
  });
});

describe('nextInspectionDue', () => {
  it.each([
    [{ inspectedOn: '2026-06-01', result: 'pass', intervalMonths: 6 }, '2026-12-01'],
    [{ inspectedOn: '2026-06-01', result: 'pass', intervalMonths: 12 }, '2027-06-01'],
    [{ inspectedOn: '2026-06-01', result: 'fail', intervalMonths: 6 }, null],
    [{ inspectedOn: '2026-06-01', result: 'withdrawn', intervalMonths: 6 }, null],
    [{ inspectedOn: '2026-06-01', result: 'pass', intervalMonths: null }, null],
  ] as const)('%o sets %s', (o, expected) => {
    expect(nextInspectionDue(o)).toBe(expected);
  });
});

describe('inspectionState', () => {
  it.each([
    ['2026-12-04', 'overdue'],
    ['2026-12-05', 'due-soon'],
    ['2027-01-02', 'due-soon'],
    ['2027-01-03', 'fine'],
    [null, null],
  ] as const)('due %s on 5 December is %s', (nextDue, expected) => {
    expect(inspectionState({ nextDue, today: '2026-12-05' })).toBe(expected);
  });

  it('takes its own notice period', () => {
    expect(inspectionState({ nextDue: '2026-12-10', today: '2026-12-05', dueSoonDays: 3 })).toBe('fine');
  });
});

describe('item status after an examination', () => {
  it.each([
    ['pass', 'in-store', 'in-store'],
    ['pass', 'in-repair', 'in-store'],
    ['pass', 'on-loan', 'on-loan'],
    ['fail', 'in-store', 'in-repair'],
    ['fail', 'on-loan', 'on-loan'],
    ['withdrawn', 'in-store', 'withdrawn'],
    ['withdrawn', 'in-repair', 'withdrawn'],
    ['withdrawn', 'on-loan', 'on-loan'],
  ] as const)('%s when %s leaves it %s', (result, status, expected) => {
    expect(itemStatusAfterInspection(result, status)).toBe(expected);
  });

  it.each([
    [null, false, 'in-store'],
    ['pass', false, 'in-store'],
    ['fail', false, 'in-repair'],
    ['withdrawn', false, 'withdrawn'],
    ['pass', true, 'withdrawn'],
  ] as const)('back from loan after %s (condemned %s) goes %s', (latest, condemned, expected) => {
    expect(itemStatusOnReturn(latest, condemned)).toBe(expected);
  });
});

describe('checkInspectionDate', () => {
  const now = new Date('2026-12-05T10:00:00Z');
  it.each([
    ['2026-12-05', null],
    ['2026-11-01', null],
    ['2026-12-06', 'The date of the examination must be today or in the past'],
    ['2010-01-01', 'The date of the examination must be within the last 10 years'],
  ])('%s: %s', (day, expected) => {
    expect(checkInspectionDate(day, now)).toBe(expected);
  });

  it('reads today on the UK calendar: 00:30 BST on 1 July is the 1st', () => {
    expect(checkInspectionDate('2026-07-01', new Date('2026-06-30T23:30:00Z'))).toBeNull();
  });
});

describe('where a failed or withdrawn item goes, and the oldest date taken', () => {
  it.each([
    ['fail', 'in-store', 'in-repair'],
    ['fail', 'in-repair', 'in-repair'],
    ['withdrawn', 'in-store', 'withdrawn'],
    ['withdrawn', 'in-repair', 'withdrawn'],
    ['pass', 'in-repair', 'in-store'],
    ['pass', 'in-store', 'in-store'],
    ['fail', 'on-loan', 'on-loan'],
  ] as const)('%s when %s: %s', (result, status, expected) => {
    expect(itemStatusAfterInspection(result, status)).toBe(expected);
  });
});

describe('the oldest examination date taken', () => {
  it('is ten years (3653 days) back, to the day', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    expect(checkInspectionDate(addCalendarDays('2026-11-24', -3653), now)).toBeNull();
    expect(checkInspectionDate(addCalendarDays('2026-11-24', -3654), now)).toBe('The date of the examination must be within the last 10 years');
  });
});
