import { describe, expect, it } from 'vitest';
import type { HomewardError } from '../platform/homeward-error.ts';
import { collectionBookingFromForm } from './collection-booking.ts';

const today = '2026-11-24';
const fieldsOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as HomewardError).fields.map((x) => x.path);
  }
  return [];
};

describe('the collection day and window from the discharge form', () => {
  it('reads a whole day, with or without a window', () => {
    expect(collectionBookingFromForm({ 'collectOn-day': '27', 'collectOn-month': '11', 'collectOn-year': '2026' }, today)).toEqual({ date: '2026-11-27', window: null });
    expect(collectionBookingFromForm({ 'collectOn-day': '3', 'collectOn-month': '12', 'collectOn-year': '2026', windowStart: '09:00', windowEnd: '12:30' }, today)).toEqual({ date: '2026-12-03', window: { start: '09:00', end: '12:30' } });
  });
  it.each([
    [{}, ['collection.date']],
    [{ 'collectOn-day': '31', 'collectOn-month': '2', 'collectOn-year': '2027' }, ['collection.date']],
    [{ 'collectOn-day': '27', 'collectOn-month': '11', 'collectOn-year': '2026', windowStart: '9am', windowEnd: '' }, ['collection.window']],
    [{ windowStart: '09:00' }, ['collection.date', 'collection.window']],
  ])('refuses %j at %j', (form, paths) => {
    expect(fieldsOf(() => collectionBookingFromForm(form, today))).toEqual(paths);
  });
});
