import { describe, expect, it } from 'vitest';
import { proposeRebookingDay, unavailableWeekdaysOf } from './run-sheet-rebooking.ts';

describe('the rebooking day proposed after a visit that did not happen', () => {
  it.each([
    // visit day (a Saturday), today, unavailable weekdays, proposed
    ['2026-12-05', '2026-12-05', [], '2026-12-06'],
    // Sunday ruled out: Monday
    ['2026-12-05', '2026-12-05', [7], '2026-12-07'],
    // Sunday and Monday ruled out: Tuesday
    ['2026-12-05', '2026-12-05', [7, 1], '2026-12-08'],
    // recorded late (the visit was three days ago): tomorrow, never a past day
    ['2026-12-02', '2026-12-05', [], '2026-12-06'],
    // every day ruled out: the week wraps round to the first candidate's weekday again, never forever
    ['2026-12-05', '2026-12-05', [1, 2, 3, 4, 5, 6, 7], '2026-12-13'],
  ])('after %s (today %s, not on %j): %s', (visitDate, today, unavailable, expected) => {
    expect(proposeRebookingDay({ visitDate, today, unavailableWeekdays: unavailable })).toBe(expected);
  });

  it('keeps only weekdays 1-7 from what is stored', () => {
    expect(unavailableWeekdaysOf([2, '3', 8, 0, 7.5, 7])).toEqual([2, 7]);
    expect(unavailableWeekdaysOf(null)).toEqual([]);
  });
});
