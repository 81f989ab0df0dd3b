import { describe, expect, it } from 'vitest';
import { groupTimelineByDay, orderTimeline, ukDayHeading } from './group-timeline-by-day.ts';

const entry = (id: string, at: string) => ({ id, at });

describe('orderTimeline', () => {
  it('puts the newest first', () => {
    const entries = [entry('a', '2026-11-20T09:00:00Z'), entry('c', '2026-11-24T09:00:00Z'), entry('d', '2026-11-22T15:30:00.000Z')];
    expect(orderTimeline(entries).map((e) => e.id)).toEqual(['c', 'd', 'a']);
    expect(orderTimeline([...entries].reverse()).map((e) => e.id)).toEqual(['c', 'd', 'a']);
  });

  it('reverses entries at the same instant, given in the order they happened', () => {
    const sameTime = ['referred', 'triaged', 'allocated', 'seen'].map((id) => entry(id, '2026-11-21T09:00:00Z'));
    expect(orderTimeline([entry('later', '2026-11-21T10:00:00Z'), ...sameTime]).map((e) => e.id)).toEqual(['later', 'seen', 'allocated', 'triaged', 'referred']);
  });
});

describe('groupTimelineByDay', () => {
  it('groups by UK calendar day, newest day first, each under a heading with the weekday', () => {
    const days = groupTimelineByDay({
      entries: [entry('first', '2026-11-20T09:00:00Z'), entry('late', '2026-11-24T16:00:00Z'), entry('early', '2026-11-24T08:00:00Z')],
    });
    expect(days.map((d) => [d.day, d.heading, d.entries.map((e) => e.id)])).toEqual([
      ['2026-11-24', 'Tuesday 24 November 2026', ['late', 'early']],
      ['2026-11-20', 'Friday 20 November 2026', ['first']],
    ]);
  });

  it('puts a visit just after midnight BST on the UK day, not the UTC one', () => {
    const days = groupTimelineByDay({ entries: [entry('night', '2026-06-20T23:30:00Z'), entry('evening', '2026-06-20T20:00:00Z')] });
    expect(days.map((d) => [d.day, d.entries.map((e) => e.id)])).toEqual([
      ['2026-06-21', ['night']],
      ['2026-06-20', ['evening']],
    ]);
  });

  it('gives no days for no entries', () => {
    expect(groupTimelineByDay({ entries: [] })).toEqual([]);
  });
});

describe('ukDayHeading', () => {
  it('names the weekday whatever the machine’s time zone', () => {
    expect(ukDayHeading('2026-03-29')).toBe('Sunday 29 March 2026');
    expect(ukDayHeading('2024-02-29')).toBe('Thursday 29 February 2024');
  });
});

describe('groupTimelineByDay: days that come back', () => {
  it('starts a new heading for each change of day, even a day met again out of order at the same instant', () => {
    const days = groupTimelineByDay({ entries: [entry('a', '2026-11-24T09:00:00Z'), entry('b', '2026-11-23T09:00:00Z'), entry('c', '2026-11-24T09:00:00.000Z')] });
    expect(days).toEqual([
      { day: '2026-11-24', heading: 'Tuesday 24 November 2026', entries: [entry('c', '2026-11-24T09:00:00.000Z'), entry('a', '2026-11-24T09:00:00Z')] },
      { day: '2026-11-23', heading: 'Monday 23 November 2026', entries: [entry('b', '2026-11-23T09:00:00Z')] },
    ]);
  });

  it('orders by the instant, not the text, across offsets', () => {
    expect(orderTimeline([entry('utc', '2026-11-24T09:30:00Z'), entry('offset', '2026-11-24T10:00:00+01:00')]).map((e) => e.id)).toEqual(['utc', 'offset']);
  });
});
