import { describe, expect, it } from 'vitest';
import { bankHolidayOn, bankHolidayYears, englandBankHolidays } from './england-bank-holidays.ts';

// An independent reckoning of the statutory rules, to check the typed table against.
function easterSunday(year: number): string {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(Date.UTC(year, month - 1, day));
}
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const plus = (date: string, days: number) => iso(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 Sunday
const nthMonday = (year: number, month: number, n: number) => {
  let d = iso(Date.UTC(year, month - 1, 1));
  while (weekday(d) !== 1) d = plus(d, 1);
  return plus(d, 7 * (n - 1));
};
const lastMonday = (year: number, month: number) => {
  let d = iso(Date.UTC(year, month, 0));
  while (weekday(d) !== 1) d = plus(d, -1);
  return d;
};
function statutory(year: number): string[] {
  const newYear = `${year}-01-01`;
  const newYearDay = weekday(newYear) === 6 ? plus(newYear, 2) : weekday(newYear) === 0 ? plus(newYear, 1) : newYear;
  const easter = easterSunday(year);
  const christmas = `${year}-12-25`;
  const xmasDay = weekday(christmas);
  // Christmas on Saturday: Monday and Tuesday; on Sunday: Boxing Day Monday, Christmas Tuesday; Boxing Day on Saturday: Monday.
  const christmasDays =
    xmasDay === 6 ? [plus(christmas, 2), plus(christmas, 3)] : xmasDay === 0 ? [plus(christmas, 1), plus(christmas, 2)] : xmasDay === 5 ? [christmas, plus(christmas, 3)] : [christmas, plus(christmas, 1)];
  return [newYearDay, plus(easter, -2), plus(easter, 1), nthMonday(year, 5, 1), lastMonday(year, 5), lastMonday(year, 8), ...christmasDays];
}

describe('englandBankHolidays', () => {
  it('holds the eight statutory holidays of every year it covers, and no others', () => {
    for (let year = bankHolidayYears.first; year <= bankHolidayYears.last; year++) {
      const typed = englandBankHolidays.filter((h) => h.date.startsWith(`${year}-`)).map((h) => h.date);
      expect(typed, String(year)).toEqual(statutory(year));
    }
  });

  it('falls on weekdays only, in date order, each named', () => {
    const dates = englandBankHolidays.map((h) => h.date);
    expect([...dates].sort()).toEqual(dates);
    for (const h of englandBankHolidays) {
      expect([0, 6]).not.toContain(weekday(h.date));
      expect(h.name.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['2026-12-28', 'Boxing Day (substitute day)'],
    ['2027-12-27', 'Christmas Day (substitute day)'],
    ['2028-01-03', 'New Year’s Day (substitute day)'],
    ['2026-04-03', 'Good Friday'],
    ['2026-12-26', null],
    ['2026-12-07', null],
  ])('names %s as %s', (date, name) => {
    expect(bankHolidayOn(date)).toBe(name);
  });

  it('looks in another table when given one', () => {
    expect(bankHolidayOn('2026-12-07', [{ date: '2026-12-07', name: 'A test holiday' }])).toBe('A test holiday');
    expect(bankHolidayOn('2026-12-08', [{ date: '2026-12-07', name: 'A test holiday' }])).toBeNull();
    expect(bankHolidayOn('2026-12-25', [{ date: '2026-12-07', name: 'A test holiday' }])).toBeNull();
  });
});
