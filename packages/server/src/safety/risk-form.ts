// Reading the risk register's forms: dates in three fields, scores as radios, the rest trimmed text.
// Problems become field errors with the paths the domain checks use, so the error summary lists both.
import { riskConsequenceDescriptors, riskConsequenceLabels, riskLikelihoodDescriptors, riskLikelihoodLabels } from '@homeward/clinical';
import { formField, type FormBody } from '../platform/form-body.ts';
import { chosenId, formDay } from '../platform/form-fields.ts';
import type { FieldError } from '../platform/homeward-error.ts';
import type { RiskDetails } from './check-risk.ts';

/** A 1-5 radio: the number, or null (none chosen, or a hand-edited value, which the check then names). */
export function formScale(body: FormBody, name: string): number | null {
  const v = formField(body[name]);
  return /^[1-5]$/.test(v) ? Number(v) : null;
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
