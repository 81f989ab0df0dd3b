import { describe, it, expect } from 'vitest';
import type { ClockState, ResponseStandard, ResponseStandards } from './response-clock.ts';
import {
  addResponseTime,
  clockState,
  clockStateLabels,
  defaultResponseStandards,
  describeClock,
  describeStandard,
  formatDuration,
  responseDueAt,
  responseStandardFor,
} from './response-clock.ts';
import type { Priority, Service } from './referral-vocabulary.ts';
import { priorities, services } from './referral-vocabulary.ts';

// Instants are written with their UK offset (Z = GMT, +01:00 = BST) so each expectation reads as a wall clock.
const at = (iso: string) => new Date(iso);
const due = (service: Service, priority: Priority, start: string) =>
  responseDueAt({ service, priority, clockStartsAt: at(start) }).toISOString();

describe('responseDueAt: urgent community response, 2 hours counted 08:00-20:00 UK time', () => {
  it.each([
    ['mid-morning in winter', '2026-01-14T10:00:00Z', '2026-01-14T12:00:00.000Z'],
    ['19:30 runs 30 minutes, then 90 from 08:00 next day', '2026-01-14T19:30:00Z', '2026-01-15T09:30:00.000Z'],
    ['06:00 starts counting at 08:00', '2026-01-14T06:00:00Z', '2026-01-14T10:00:00.000Z'],
    ['18:00 is due at 20:00 exactly', '2026-01-14T18:00:00Z', '2026-01-14T20:00:00.000Z'],
    ['20:00 is after the window closes', '2026-01-14T20:00:00Z', '2026-01-15T10:00:00.000Z'],
    ['23:59 waits for the morning', '2026-01-14T23:59:00Z', '2026-01-15T10:00:00.000Z'],
    ['Saturday evening counts into Sunday (7 days a week)', '2026-01-17T19:00:00Z', '2026-01-18T09:00:00.000Z'],
    ['19:30 in summer (BST)', '2026-07-01T19:30:00+01:00', '2026-07-02T08:30:00.000Z'],
    // 29 March 2026: clocks go forward at 01:00 GMT to 02:00 BST.
    ['19:30 GMT the evening before clocks go forward', '2026-03-28T19:30:00Z', '2026-03-29T08:30:00.000Z'],
    ['00:30 GMT, before the change', '2026-03-29T00:30:00Z', '2026-03-29T09:00:00.000Z'],
    ['06:00 BST on the day clocks go forward', '2026-03-29T06:00:00+01:00', '2026-03-29T09:00:00.000Z'],
    ['19:00 BST on the day clocks go forward', '2026-03-29T19:00:00+01:00', '2026-03-30T08:00:00.000Z'],
    // 25 October 2026: clocks go back at 02:00 BST to 01:00 GMT.
    ['19:30 BST the evening before clocks go back', '2026-10-24T19:30:00+01:00', '2026-10-25T09:30:00.000Z'],
    ['01:30 BST, the first 01:30', '2026-10-25T01:30:00+01:00', '2026-10-25T10:00:00.000Z'],
    ['01:30 GMT, the second 01:30', '2026-10-25T01:30:00Z', '2026-10-25T10:00:00.000Z'],
    ['07:00 GMT on the day clocks go back', '2026-10-25T07:00:00Z', '2026-10-25T10:00:00.000Z'],
    ['19:00 GMT on the day clocks go back', '2026-10-25T19:00:00Z', '2026-10-26T09:00:00.000Z'],
  ])('%s: %s is due %s', (_story, start, expected) => {
    expect(due('d2a-pathway-1', 'P1', start)).toBe(expected);
    expect(due('d2a-pathway-0', 'P1', start)).toBe(expected);
  });

  // A window-hours standard of 12 or 13 hours shows the window is 12 local hours on both change days.
  const window = (hours: number): ResponseStandard => ({ kind: 'window-hours', hours, opensAt: '08:00', closesAt: '20:00', name: 'test' });
  it.each([
    ['29 March, 12 h fills the day', '2026-03-29T08:00:00+01:00', 12, '2026-03-29T19:00:00.000Z'],
    ['29 March, 13 h spills to 09:00 BST next day', '2026-03-29T08:00:00+01:00', 13, '2026-03-30T08:00:00.000Z'],
    ['25 October, 12 h fills the day', '2026-10-25T08:00:00Z', 12, '2026-10-25T20:00:00.000Z'],
    ['25 October, 13 h spills to 09:00 GMT next day', '2026-10-25T08:00:00Z', 13, '2026-10-26T09:00:00.000Z'],
    ['30 h from Monday 08:00 runs to Wednesday 14:00', '2026-01-12T08:00:00Z', 30, '2026-01-14T14:00:00.000Z'],
  ])('%s', (_story, start, hours, expected) => {
    expect(addResponseTime(at(start), window(hours)).toISOString()).toBe(expected);
  });

  it.each([
    ['closes before it opens', '20:00', '08:00'],
    ['closes as it opens', '08:00', '08:00'],
  ])('refuses a window that %s', (_story, opensAt, closesAt) => {
    const broken: ResponseStandard = { kind: 'window-hours', hours: 2, opensAt, closesAt, name: 'broken' };
    expect(() => addResponseTime(at('2026-01-14T10:00:00Z'), broken)).toThrow(new RangeError('A service window must close after it opens'));
  });

  // A team's own table is typed by people: a time of day that is not one is refused, never guessed at.
  it.each(['8:00', '08:0', 'x08:00', '08:00x', '25:00', '08:60', 'ab:cd'])('refuses %j as a time of day', (opensAt) => {
    const standard: ResponseStandard = { kind: 'window-hours', hours: 2, opensAt, closesAt: '20:00', name: 'typed' };
    expect(() => addResponseTime(at('2026-01-14T10:00:00Z'), standard)).toThrow(new RangeError(`Not a time of day: ${opensAt}`));
  });

  it.each([
    ['a window to midnight (24:00) counts the evening', '08:00', '24:00', '2026-01-14T21:00:00Z', '2026-01-14T23:00:00.000Z'],
    ['a window opening at 08:59 counts from 08:59', '08:59', '20:00', '2026-01-14T07:00:00Z', '2026-01-14T10:59:00.000Z'],
  ])('%s', (_story, opensAt, closesAt, start, expected) => {
    const standard: ResponseStandard = { kind: 'window-hours', hours: 2, opensAt, closesAt, name: 'typed' };
    expect(addResponseTime(at(start), standard).toISOString()).toBe(expected);
  });

  it('counts a standard of up to 1,000 days of windows (the last on 9 October 2028, in BST), and refuses a longer one rather than looping', () => {
    expect(addResponseTime(at('2026-01-14T08:00:00Z'), window(12 * 1000)).toISOString()).toBe('2028-10-09T19:00:00.000Z');
    expect(() => addResponseTime(at('2026-01-14T08:00:00Z'), window(12 * 1000 + 1))).toThrow(new RangeError('The response clock could not be worked out'));
  });
});

describe('responseDueAt: day and hour standards', () => {
  it.each([
    // Reablement 2 days = the same UK time two days later.
    ['reablement, ordinary week', 'd2a-pathway-1', 'P2', '2026-01-14T14:00:00Z', '2026-01-16T14:00:00.000Z'],
    ['reablement across spring forward is 47 real hours', 'd2a-pathway-1', 'P2', '2026-03-27T14:00:00Z', '2026-03-29T13:00:00.000Z'],
    ['reablement across fall back is 49 real hours', 'd2a-pathway-0', 'P2', '2026-10-24T14:00:00+01:00', '2026-10-26T14:00:00.000Z'],
    ['routine 10 days across spring forward', 'd2a-pathway-1', 'P3', '2026-03-20T09:00:00Z', '2026-03-30T08:00:00.000Z'],
    ['community bed P2, 2 days', 'd2a-pathway-2', 'P2', '2026-05-04T11:15:00+01:00', '2026-05-06T10:15:00.000Z'],
    // Hour standards are elapsed time, whatever the wall clock does.
    ['stroke ESD 24 h across spring forward', 'stroke-early-supported-discharge', 'P2', '2026-03-28T12:00:00Z', '2026-03-29T12:00:00.000Z'],
    ['stroke ESD 24 h across fall back', 'stroke-early-supported-discharge', 'P1', '2026-10-24T12:00:00+01:00', '2026-10-25T11:00:00.000Z'],
    ['stroke ESD P3, 72 h', 'stroke-early-supported-discharge', 'P3', '2026-01-14T12:00:00Z', '2026-01-17T12:00:00.000Z'],
    ['rehabilitation medicine P1, 24 h', 'rehabilitation-medicine', 'P1', '2026-01-14T23:00:00Z', '2026-01-15T23:00:00.000Z'],
  ] as const)('%s', (_story, service, priority, start, expected) => {
    expect(due(service, priority, start)).toBe(expected);
  });

  it('uses a team’s own standards when given', () => {
    const own: ResponseStandards = {
      ...defaultResponseStandards,
      'community-stroke-rehabilitation': { P1: { kind: 'hours', hours: 4, name: 'x' }, P2: { kind: 'days', days: 5, name: 'y' }, P3: { kind: 'days', days: 28, name: 'z' } },
    };
    const clockStartsAt = at('2026-01-14T09:00:00Z');
    expect(responseDueAt({ service: 'community-stroke-rehabilitation', priority: 'P1', clockStartsAt, standards: own }).toISOString()).toBe(
      '2026-01-14T13:00:00.000Z',
    );
    expect(responseDueAt({ service: 'community-stroke-rehabilitation', priority: 'P1', clockStartsAt }).toISOString()).toBe(
      '2026-01-15T09:00:00.000Z',
    );
  });
});

describe('default standards table', () => {
  // Triage shows each standard as its name and its words: "Reablement: 2 days from ...".
  const expected: Record<Service, [string, string, string]> = {
    'd2a-pathway-0': ['Urgent community response: 2 hours, counting 08:00 to 20:00', 'Reablement: 2 days', 'Routine: 10 days'],
    'd2a-pathway-1': ['Urgent community response: 2 hours, counting 08:00 to 20:00', 'Reablement: 2 days', 'Routine: 10 days'],
    'd2a-pathway-2': ['Urgent: 24 hours', 'Soon: 2 days', 'Routine: 10 days'],
    'd2a-pathway-3': ['Urgent: 24 hours', 'Soon: 2 days', 'Routine: 10 days'],
    'stroke-early-supported-discharge': [
      'Stroke early supported discharge: 24 hours',
      'Stroke early supported discharge: 24 hours',
      'Stroke early supported discharge (routine): 72 hours',
    ],
    'community-stroke-rehabilitation': ['Urgent: 24 hours', 'Soon: 2 days', 'Routine: 10 days'],
    'rehabilitation-medicine': ['Urgent: 24 hours', 'Soon: 2 days', 'Routine: 10 days'],
    'bed-based-rehabilitation': ['Urgent: 24 hours', 'Soon: 2 days', 'Routine: 10 days'],
  };
  const cases = services.flatMap((service) => priorities.map((priority, i) => [service, priority, expected[service][i]!] as const));
  it.each(cases)('%s %s: %s', (service, priority, words) => {
    const standard = responseStandardFor(service, priority);
    expect(`${standard.name}: ${describeStandard(standard)}`).toBe(words);
  });
  it('describes one hour and one day in the singular', () => {
    expect(describeStandard({ kind: 'hours', hours: 1, name: 'x' })).toBe('1 hour');
    expect(describeStandard({ kind: 'days', days: 1, name: 'x' })).toBe('1 day');
  });
});

describe('clockState', () => {
  const dueAt = at('2026-03-29T12:00:00+01:00');
  const plus = (minutes: number, ms = 0) => new Date(dueAt.getTime() + minutes * 60_000 + ms);
  it.each([
    ['first contact 90 min early', plus(-90), plus(600), undefined, { state: 'met', minutesLeft: 90 }],
    ['first contact exactly at the due time', plus(0), plus(600), undefined, { state: 'met', minutesLeft: 0 }],
    ['first contact 30 s late', plus(0, 30_000), plus(600), undefined, { state: 'breached-met-late', minutesOver: 1 }],
    ['first contact 26 h late', plus(26 * 60), plus(27 * 60), undefined, { state: 'breached-met-late', minutesOver: 1560 }],
    ['first contact counts even when now is earlier', plus(-5), plus(-600), undefined, { state: 'met', minutesLeft: 5 }],
    ['3 days to go', null, plus(-3 * 24 * 60), undefined, { state: 'running', minutesLeft: 4320 }],
    ['a day and a minute to go', null, plus(-24 * 60 - 1), undefined, { state: 'running', minutesLeft: 1441 }],
    ['exactly a day to go is due soon', null, plus(-24 * 60), undefined, { state: 'due-soon', minutesLeft: 1440 }],
    ['at the due time, not yet breached', null, plus(0), undefined, { state: 'due-soon', minutesLeft: 0 }],
    ['a millisecond over is breached', null, plus(0, 1), undefined, { state: 'breached', minutesOver: 1 }],
    ['26 h over', null, plus(26 * 60), undefined, { state: 'breached', minutesOver: 1560 }],
    ['team threshold of an hour: 90 min is running', null, plus(-90), 60, { state: 'running', minutesLeft: 90 }],
    ['team threshold of an hour: 60 min is due soon', null, plus(-60), 60, { state: 'due-soon', minutesLeft: 60 }],
  ] as const)('%s', (_story, firstContactAt, now, dueSoonMinutes, expected) => {
    expect(clockState({ dueAt, firstContactAt, now, ...(dueSoonMinutes === undefined ? {} : { dueSoonMinutes }) })).toEqual(expected);
  });
});

describe('describeClock and formatDuration', () => {
  it('labels each clock state as the caseload shows it', () => {
    expect(clockStateLabels).toEqual({ met: 'Met', running: 'On track', 'due-soon': 'Due soon', breached: 'Breached', 'breached-met-late': 'Met late' });
  });

  it.each([
    [{ state: 'due-soon', minutesLeft: 200 }, 'Due in 3 h 20 min'],
    [{ state: 'breached', minutesOver: 1560 }, 'Breached by 1 day 2 h'],
    [{ state: 'running', minutesLeft: 45 }, 'Due in 45 min'],
    [{ state: 'running', minutesLeft: 180 }, 'Due in 3 h'],
    [{ state: 'running', minutesLeft: 2880 }, 'Due in 2 days'],
    [{ state: 'running', minutesLeft: 3000 }, 'Due in 2 days 2 h'],
    [{ state: 'breached', minutesOver: 1440 }, 'Breached by 1 day'],
    [{ state: 'breached', minutesOver: 1 }, 'Breached by 1 min'],
    [{ state: 'due-soon', minutesLeft: 0 }, 'Due now'],
    [{ state: 'met', minutesLeft: 30 }, 'Met'],
    [{ state: 'breached-met-late', minutesOver: 30 }, 'Met late by 30 min'],
  ] satisfies [ClockState, string][])('%o -> %s', (clock, words) => {
    expect(describeClock(clock)).toBe(words);
  });

  it.each([
    [0, '0 min'],
    [59, '59 min'],
    [60, '1 h'],
    [61, '1 h 1 min'],
    [1439, '23 h 59 min'],
    [1440, '1 day'],
    [1499, '1 day'],
    [1500, '1 day 1 h'],
    [10 * 1440 + 5 * 60, '10 days 5 h'],
  ])('%i minutes -> %s', (minutes, words) => {
    expect(formatDuration(minutes)).toBe(words);
  });
});
