import { describe, expect, it } from 'vitest';
import { lastBookableDay, visitProblems, type VisitDetails } from './visit-checks.ts';

const today = '2026-12-07';
const ok: VisitDetails = { date: '2026-12-08', durationMinutes: 45, window: { start: '09:00', end: '10:00' }, pinnedStart: null };

describe('visitProblems', () => {
  it.each<[string, Partial<VisitDetails>, 'active' | 'waiting' | 'on-hold' | 'discharged', Array<[Array<string | number>, string]>]>([
    ['a good visit', {}, 'active', []],
    ['today', { date: today }, 'waiting', []],
    ['the last bookable day', { date: '2027-01-03' }, 'active', []],
    ['yesterday', { date: '2026-12-06' }, 'active', [[['date'], 'The date of the visit cannot be in the past (today is 7 December 2026)']]],
    ['beyond four weeks', { date: '2027-01-04' }, 'active', [[['date'], 'The date of the visit must be within the next 4 weeks, on or before 3 January 2027']]],
    ['a window that ends before it starts', { window: { start: '11:00', end: '10:30' } }, 'active', [[['window', 'end'], 'The window must end after it starts (11:00)']]],
    ['a pinned time outside the window', { pinnedStart: '10:00' }, 'active', [[['pinnedStart'], 'The pinned time must be within the window (09:00 to 10:00)']]],
    ['a pinned time that is not a time', { pinnedStart: '9am' }, 'active', [[['pinnedStart'], 'Enter the pinned time as a time, like 09:30']]],
    ['too long', { durationMinutes: 500 }, 'active', [[['durationMinutes'], 'A visit must last between 5 minutes and 8 hours']]],
    ['a discharged episode', {}, 'discharged', [[['episodeId'], 'The episode has been discharged, so it cannot have visits booked']]],
    ['an episode on hold', {}, 'on-hold', [[['episodeId'], 'The episode is on hold: resume it before booking visits']]],
  ])('%s', (_story, change, episodeStatus, expected) => {
    expect(visitProblems({ ...ok, ...change }, { today, episodeStatus }).map((p) => [p.path, p.message])).toEqual(expected);
  });
  it('books the collection of equipment in a discharged episode, and nothing else', () => {
    expect(visitProblems(ok, { today, episodeStatus: 'discharged', purpose: 'equipment' })).toEqual([]);
    expect(visitProblems(ok, { today, episodeStatus: 'discharged', purpose: 'review' }).map((p) => p.path)).toEqual([['episodeId']]);
    expect(visitProblems(ok, { today, episodeStatus: 'on-hold', purpose: 'equipment' }).map((p) => p.path)).toEqual([['episodeId']]);
  });
  it('books up to 27 days after today', () => {
    expect(lastBookableDay(today)).toBe('2027-01-03');
  });
});

describe('visitProblems at its edges', () => {
  it.each<[string, Partial<VisitDetails>, Array<[Array<string | number>, string]>]>([
    ['the shortest visit', { durationMinutes: 5 }, []],
    ['too short', { durationMinutes: 4 }, [[['durationMinutes'], 'A visit must last between 5 minutes and 8 hours']]],
    ['the longest visit', { durationMinutes: 480 }, []],
    ['just too long', { durationMinutes: 481 }, [[['durationMinutes'], 'A visit must last between 5 minutes and 8 hours']]],
    ['part of a minute', { durationMinutes: 45.5 }, [[['durationMinutes'], 'A visit must last between 5 minutes and 8 hours']]],
    ['pinned as the window opens', { pinnedStart: '09:00' }, []],
    ['pinned in the window’s last minute', { pinnedStart: '09:59' }, []],
    ['pinned before the window', { pinnedStart: '08:59' }, [[['pinnedStart'], 'The pinned time must be within the window (09:00 to 10:00)']]],
    ['pinned with no window', { window: null, pinnedStart: '14:00' }, []],
    ['a pinned time with a digit too many', { pinnedStart: '09:301' }, [[['pinnedStart'], 'Enter the pinned time as a time, like 09:30']]],
    ['a pinned time with text before it', { pinnedStart: 'a09:30' }, [[['pinnedStart'], 'Enter the pinned time as a time, like 09:30']]],
    ['a pinned hour past the day', { window: null, pinnedStart: '24:00' }, [[['pinnedStart'], 'Enter the pinned time as a time, like 09:30']]],
    // The window is wrong already; the pinned time is not measured against it as well.
    ['pinned in a window that ends before it starts', { window: { start: '11:00', end: '10:30' }, pinnedStart: '10:45' }, [[['window', 'end'], 'The window must end after it starts (11:00)']]],
    ['a window whose start is not a time', { window: { start: '9', end: '10:30' } }, [[['window', 'start'], 'Enter the start of the window as a time, like 09:00']]],
  ])('%s', (_story, change, expected) => {
    expect(visitProblems({ ...ok, ...change }, { today, episodeStatus: 'active' }).map((p) => [p.path, p.message])).toEqual(expected);
  });

  it('names every problem at once', () => {
    expect(visitProblems({ date: '2026-12-01', durationMinutes: 0, window: { start: '10:00', end: '09:00' }, pinnedStart: 'soon' }, { today, episodeStatus: 'on-hold' }).map((p) => p.path.join('.'))).toEqual([
      'episodeId',
      'date',
      'durationMinutes',
      'window.end',
      'pinnedStart',
    ]);
  });
});
