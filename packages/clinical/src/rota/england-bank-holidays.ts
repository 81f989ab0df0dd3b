// Bank holidays in England and Wales, 2024 to 2030, as gov.uk publishes them
// (https://www.gov.uk/bank-holidays, "england-and-wales"). A holiday that falls on a weekend has a
// substitute day on the next weekday, named as gov.uk names it. Years gov.uk has not yet published
// follow the Banking and Financial Dealings Act rules; a one-off holiday (a coronation, a jubilee) is
// added here by hand when it is proclaimed. The rota treats each as a day off unless an extra shift
// (bank-holiday cover) is on the rota.

export type BankHoliday = { date: string; name: string };

export const englandBankHolidays: readonly BankHoliday[] = [
  { date: '2024-01-01', name: 'New Year’s Day' },
  { date: '2024-03-29', name: 'Good Friday' },
  { date: '2024-04-01', name: 'Easter Monday' },
  { date: '2024-05-06', name: 'Early May bank holiday' },
  { date: '2024-05-27', name: 'Spring bank holiday' },
  { date: '2024-08-26', name: 'Summer bank holiday' },
  { date: '2024-12-25', name: 'Christmas Day' },
  { date: '2024-12-26', name: 'Boxing Day' },
  { date: '2025-01-01', name: 'New Year’s Day' },
  { date: '2025-04-18', name: 'Good Friday' },
  { date: '2025-04-21', name: 'Easter Monday' },
  { date: '2025-05-05', name: 'Early May bank holiday' },
  { date: '2025-05-26', name: 'Spring bank holiday' },
  { date: '2025-08-25', name: 'Summer bank holiday' },
  { date: '2025-12-25', name: 'Christmas Day' },
  { date: '2025-12-26', name: 'Boxing Day' },
  { date: '2026-01-01', name: 'New Year’s Day' },
  { date: '2026-04-03', name: 'Good Friday' },
  { date: '2026-04-06', name: 'Easter Monday' },
  { date: '2026-05-04', name: 'Early May bank holiday' },
  { date: '2026-05-25', name: 'Spring bank holiday' },
  { date: '2026-08-31', name: 'Summer bank holiday' },
  { date: '2026-12-25', name: 'Christmas Day' },
  { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
  { date: '2027-01-01', name: 'New Year’s Day' },
  { date: '2027-03-26', name: 'Good Friday' },
  { date: '2027-03-29', name: 'Easter Monday' },
  { date: '2027-05-03', name: 'Early May bank holiday' },
  { date: '2027-05-31', name: 'Spring bank holiday' },
  { date: '2027-08-30', name: 'Summer bank holiday' },
  { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
  { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
  { date: '2028-01-03', name: 'New Year’s Day (substitute day)' },
  { date: '2028-04-14', name: 'Good Friday' },
  { date: '2028-04-17', name: 'Easter Monday' },
  { date: '2028-05-01', name: 'Early May bank holiday' },
  { date: '2028-05-29', name: 'Spring bank holiday' },
  { date: '2028-08-28', name: 'Summer bank holiday' },
  { date: '2028-12-25', name: 'Christmas Day' },
  { date: '2028-12-26', name: 'Boxing Day' },
  { date: '2029-01-01', name: 'New Year’s Day' },
  { date: '2029-03-30', name: 'Good Friday' },
  { date: '2029-04-02', name: 'Easter Monday' },
  { date: '2029-05-07', name: 'Early May bank holiday' },
  { date: '2029-05-28', name: 'Spring bank holiday' },
  { date: '2029-08-27', name: 'Summer bank holiday' },
  { date: '2029-12-25', name: 'Christmas Day' },
  { date: '2029-12-26', name: 'Boxing Day' },
  { date: '2030-01-01', name: 'New Year’s Day' },
  { date: '2030-04-19', name: 'Good Friday' },
  { date: '2030-04-22', name: 'Easter Monday' },
  { date: '2030-05-06', name: 'Early May bank holiday' },
  { date: '2030-05-27', name: 'Spring bank holiday' },
  { date: '2030-08-26', name: 'Summer bank holiday' },
  { date: '2030-12-25', name: 'Christmas Day' },
  { date: '2030-12-26', name: 'Boxing Day' },
];

/** The first and last years the table covers: a date outside them cannot be said not to be a bank holiday. */
export const bankHolidayYears = { first: 2024, last: 2030 } as const;

const byDate = new Map(englandBankHolidays.map((h) => [h.date, h.name]));

/** The bank holiday's name on a yyyy-mm-dd date, or null. */
export function bankHolidayOn(date: string, holidays: readonly BankHoliday[] = englandBankHolidays): string | null {
  if (holidays === englandBankHolidays) return byDate.get(date) ?? null;
  return holidays.find((h) => h.date === date)?.name ?? null;
}
