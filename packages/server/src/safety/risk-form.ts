// Reading the risk register's forms: dates in three fields, scores as radios, the rest trimmed text.
// Problems become field errors with the paths the domain checks use, so the error summary lists both.
import { parseDateParts, riskConsequenceDescriptors, riskConsequenceLabels, riskLikelihoodDescriptors, riskLikelihoodLabels } from '@homeward/clinical';
import { z } from 'zod';
import { uuidv7 } from 'uuidv7';
import { formField, type FormBody } from '../platform/form-body.ts';
import type { FieldError } from '../platform/homeward-error.ts';
import type { RiskDetails } from './check-risk.ts';

/** A date in three fields (name-day, name-month, name-year), as yyyy-mm-dd; null (and a field error) when not a real date. */
export function formDay(body: FormBody, name: string, label: string, today: string, fields: FieldError[]): string | null {
  const parsed = parseDateParts({ day: formField(body[`${name}-day`]), month: formField(body[`${name}-month`]), year: formField(body[`${name}-year`]) }, { label, today });
  if (parsed.ok) return parsed.value;
  fields.push({ path: name, message: parsed.message });
  return null;
}

/** A 1-5 radio: the number, or null (none chosen, or a hand-edited value, which the check then names). */
export function formScale(body: FormBody, name: string): number | null {
  const v = formField(body[name]);
  return /^[1-5]$/.test(v) ? Number(v) : null;
}

/** What the form was filled with, to show it again after a refusal. */
export function formValues(body: FormBody): Record<string, string> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf').map(([k, v]) => [k, formField(v)]));
}

/** The form's id when it is a UUID (the new record takes it, so a second send is the same record), else a new one. */
export function idFromForm(body: FormBody): string {
  const formId = formField(body.formId);
  return z.uuid().safeParse(formId).success ? formId : uuidv7();
}

export function chosenId(body: FormBody, name: string): string | null {
  const v = formField(body[name]);
  return z.uuid().safeParse(v).success ? v : null;
}

/** The risk's details from the add or change form; the review date's own problem joins the checks' list. */
export function riskDetailsFromForm(body: FormBody, today: string, fields: FieldError[]): RiskDetails {
  const team = formField(body.teamId);
  return {
    title: formField(body.title), description: formField(body.description), cause: formField(body.cause), effect: formField(body.effect),
    // 'service' (or anything not a UUID, which the check cannot match to a team) is the whole service.
    teamId: team === 'service' || team === '' ? null : team,
    ownerId: chosenId(body, 'ownerId'),
    controls: formField(body.controls), gapsInControls: formField(body.gapsInControls),
    targetLikelihood: formScale(body, 'targetLikelihood'), targetConsequence: formScale(body, 'targetConsequence'),
    reviewOn: formDay(body, 'reviewOn', 'The review date', today, fields),
  };
}

export function dateItems(name: string, values: Record<string, string>, error: boolean) {
  const classes = error ? 'nhsuk-input--error' : '';
  return [
    { id: `${name}-day`, name: `${name}-day`, label: 'Day', width: 2, classes, value: values[`${name}-day`] },
    { id: `${name}-month`, name: `${name}-month`, label: 'Month', width: 2, classes, value: values[`${name}-month`] },
    { id: `${name}-year`, name: `${name}-year`, label: 'Year', width: 4, classes, value: values[`${name}-year`] },
  ];
}

/** The matrix's five levels as radios, each with its descriptor. */
export function scaleItems(kind: 'likelihood' | 'consequence', selected: string | undefined) {
  const labels = kind === 'likelihood' ? riskLikelihoodLabels : riskConsequenceLabels;
  const hints = kind === 'likelihood' ? riskLikelihoodDescriptors : riskConsequenceDescriptors;
  return labels.map((label, i) => ({ value: String(i + 1), text: `${i + 1} ${label}`, hint: { text: hints[i] }, checked: selected === String(i + 1) }));
}

/** A day as the three fields show it. */
export function dayFields(name: string, day: string): Record<string, string> {
  const [y, m, d] = day.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
}
