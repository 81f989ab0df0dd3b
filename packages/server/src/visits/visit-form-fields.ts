// Reading the visits pages' forms: times typed as 9:30 or 09.30, days as checkboxes, dates in three
// fields. Each problem is a field error with the path the domain checks use, so the error summary
// lists the form's problems and the rules' together.
import { parseDateParts, parseTimeOfDay, weekdays, type Weekday } from '@homeward/clinical';
import { formField, type FormBody } from '../platform/form-body.ts';
import type { FieldError } from '../platform/homeward-error.ts';

export type Form = FormBody;

export function formValues(body: Form): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf').map(([k, v]) => [k, Array.isArray(v) ? v : formField(v)]));
}

/** A list of checkbox values (one checked box arrives as a string). */
export function formList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter((v) => v !== '');
}

export function formWeekdays(value: string | string[] | undefined): Weekday[] {
  return [...new Set(formList(value).map(Number).filter((n): n is Weekday => (weekdays as readonly number[]).includes(n)))].sort();
}

/** A typed time, as hh:mm; null when empty (and optional); an error when unreadable. */
export function formTime(body: Form, name: string, path: string, what: string, fields: FieldError[]): string | null {
  const text = formField(body[name]);
  if (text === '') return null;
  const time = parseTimeOfDay(text);
  if (time === null) fields.push({ path, message: `Enter ${what} as a time, like 09:30` });
  return time;
}

/** A date in three fields (name-day, name-month, name-year). */
export function formDate(body: Form, name: string, label: string, today: string, fields: FieldError[]): string | null {
  const parts = { day: formField(body[`${name}-day`]), month: formField(body[`${name}-month`]), year: formField(body[`${name}-year`]) };
  const parsed = parseDateParts(parts, { label, today });
  if (parsed.ok) return parsed.value;
  fields.push({ path: name, message: parsed.message });
  return null;
}

/** Whole minutes typed into a field; an error when not a whole number. */
export function formMinutes(body: Form, name: string, fields: FieldError[]): number | null {
  const text = formField(body[name]);
  if (/^\d{1,3}$/.test(text)) return Number(text);
  fields.push({ path: name, message: text === '' ? 'Enter how long the visit takes, in minutes' : 'Enter how long the visit takes as a whole number of minutes, like 45' });
  return null;
}

/** The NHS.UK date input's items: the one in platform/ (re-exported for the visit pages' imports). */
export { dateItems } from '../platform/form-fields.ts';

export function dateValues(name: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year! };
}
