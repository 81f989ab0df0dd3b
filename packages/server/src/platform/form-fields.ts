// Reading a page's form the way every context does: a date in three fields, what was typed (to show it
// again after a refusal), the form's id (a second send is the same record), an id chosen from a list,
// and the three date inputs to draw. Problems become field errors with the paths the domain checks use,
// so the error summary lists both together.
import { parseDateParts } from '@homeward/clinical';
import { z } from 'zod';
import { uuidv7 } from 'uuidv7';
import { formField, type FormBody } from './form-body.ts';
import type { FieldError } from './homeward-error.ts';

/** A date in three fields (name-day, name-month, name-year), as yyyy-mm-dd; null (and a field error) when not a real date. */
export function formDay(body: FormBody, name: string, label: string, today: string, fields: FieldError[]): string | null {
  const parsed = parseDateParts({ day: formField(body[`${name}-day`]), month: formField(body[`${name}-month`]), year: formField(body[`${name}-year`]) }, { label, today });
  if (parsed.ok) return parsed.value;
  fields.push({ path: name, message: parsed.message });
  return null;
}

/** What the form was filled with, to show it again after a refusal. */
export function formValues(body: FormBody): Record<string, string> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf').map(([k, v]) => [k, formField(v)]));
}

/** The form's id when it is a UUID (the new record takes it, so a second send is the same record), else a new one. */
export function idFromForm(body: FormBody, name = 'formId'): string {
  const formId = formField(body[name]);
  return z.uuid().safeParse(formId).success ? formId : uuidv7();
}

/** An id chosen from a list: a UUID, or null (none chosen, or a hand-edited value, which the check then names). */
export function chosenId(body: FormBody, name: string): string | null {
  const v = formField(body[name]);
  return z.uuid().safeParse(v).success ? v : null;
}

/** The NHS.UK date input's three items, with what was typed and the error style. */
export function dateItems(name: string, values: Record<string, unknown>, error: boolean) {
  const classes = error ? 'nhsuk-input--error' : '';
  return [
    { id: `${name}-day`, name: `${name}-day`, label: 'Day', width: 2, classes, value: values[`${name}-day`] },
    { id: `${name}-month`, name: `${name}-month`, label: 'Month', width: 2, classes, value: values[`${name}-month`] },
    { id: `${name}-year`, name: `${name}-year`, label: 'Year', width: 4, classes, value: values[`${name}-year`] },
  ];
}
