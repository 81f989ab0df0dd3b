// Dates typed into separate day, month and year fields, validated with the NHS.UK date input error patterns.

export type DateField = 'day' | 'month' | 'year';
export type DateParts = { day: string; month: string; year: string };
export type DatePartsOptions = {
  /** What the date is, e.g. "Date of birth"; used at the start of messages and after "Enter". */
  label: string;
  /** Today as yyyy-mm-dd, passed in so validation never depends on the clock. */
  today: string;
  mustBePast?: boolean;
  mustBeFuture?: boolean;
  /** The date must be on or after 1 January of this year. */
  earliestYear?: number;
};
export type DatePartsResult =
  | { ok: true; value: string }
  | { ok: false; message: string; fields: DateField[] };

export const monthNames = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

const dateFields: DateField[] = ['day', 'month', 'year'];

function sentenceStart(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Lower-cases the first letter unless the label starts with an acronym ("NHS ..."). */
function midSentence(label: string): string {
  if (/^[A-Z]{2}/.test(label)) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

function listFields(fields: DateField[]): string {
  if (fields.length === 1) return fields[0]!;
  return `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** NHS.UK advises accepting month names as well as numbers ("March", "mar", "3"). */
function parseMonth(text: string): number | null {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const lower = text.toLowerCase();
  if (lower.length < 3) return null;
  const index = monthNames.findIndex((name) => name.toLowerCase().startsWith(lower));
  return index === -1 ? null : index + 1;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function parseDateParts(parts: DateParts, options: DatePartsOptions): DatePartsResult {
  const label = options.label;
  const values: Record<DateField, string> = {
    day: parts.day.trim(),
    month: parts.month.trim(),
    year: parts.year.trim(),
  };
  const missing = dateFields.filter((field) => values[field] === '');
  if (missing.length === 3) {
    return { ok: false, message: `Enter ${midSentence(label)}`, fields: [...dateFields] };
  }
  if (missing.length > 0) {
    return { ok: false, message: `${sentenceStart(label)} must include a ${listFields(missing)}`, fields: missing };
  }

  const notReal = `${sentenceStart(label)} must be a real date`;
  const day = /^\d{1,2}$/.test(values.day) ? Number(values.day) : null;
  const month = parseMonth(values.month);
  const yearIsNumber = /^\d+$/.test(values.year);
  const unreadable = dateFields.filter((field) =>
    field === 'day' ? day === null : field === 'month' ? month === null : !yearIsNumber,
  );
  if (unreadable.length > 0) return { ok: false, message: notReal, fields: unreadable };
  if (values.year.length !== 4) return { ok: false, message: 'Year must include 4 numbers', fields: ['year'] };

  const year = Number(values.year);
  const outOfRange: DateField[] = [];
  if (day! < 1 || day! > 31) outOfRange.push('day');
  if (month! < 1 || month! > 12) outOfRange.push('month');
  if (outOfRange.length > 0) return { ok: false, message: notReal, fields: outOfRange };
  // 31 April or 29 February in a common year: the day is what cannot be.
  if (day! > daysInMonth(year, month!)) return { ok: false, message: notReal, fields: ['day'] };

  const value = `${pad(year, 4)}-${pad(month!)}-${pad(day!)}`;
  if (options.mustBePast && value >= options.today) {
    return { ok: false, message: `${sentenceStart(label)} must be in the past`, fields: [...dateFields] };
  }
  if (options.mustBeFuture && value <= options.today) {
    return { ok: false, message: `${sentenceStart(label)} must be in the future`, fields: [...dateFields] };
  }
  if (options.earliestYear !== undefined && year < options.earliestYear) {
    return {
      ok: false,
      message: `${sentenceStart(label)} must be the same as or after 1 January ${options.earliestYear}`,
      fields: [...dateFields],
    };
  }
  return { ok: true, value };
}

/** Splits yyyy-mm-dd into the strings to put back in the three fields ("1948-03-04" -> 4, 3, 1948). */
export function isoDateToParts(iso: string): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return { day: '', month: '', year: '' };
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1]! };
}

/** "1948-03-04" -> "4 March 1948", the NHS.UK style for dates in content. */
export function formatDisplayDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const monthName = monthNames[Number(match[2]) - 1];
  if (monthName === undefined) return iso;
  return `${Number(match[3])} ${monthName} ${match[1]}`;
}

/** Age in whole years on a given day; someone born on 29 February has their birthday on 1 March in common years. */
export function ageOn(dobIso: string, todayIso: string): number {
  const [by, bm, bd] = dobIso.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = todayIso.split('-').map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}
