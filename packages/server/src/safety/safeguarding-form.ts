// Reading the safeguarding pages' forms into the shapes the clinical rules check: the categories from the
// checkbox group for the kind chosen, yes/no as a boolean (or null when not answered), dates from three fields.
import { parseDateParts, type ConcernInput } from '@homeward/clinical';
import { formField, type FormBody } from '../platform/form-body.ts';
import type { FieldError } from '../platform/homeward-error.ts';

const many = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]).map((s) => s.trim()).filter(Boolean);

export function concernFromForm(body: FormBody): ConcernInput {
  const kind = formField(body.kind);
  const danger = formField(body.immediateDanger);
  return {
    kind,
    categories: kind === 'child' ? many(body.childCategories) : kind === 'adult' ? many(body.adultCategories) : [],
    personAtRisk: formField(body.personAtRisk),
    otherPerson: formField(body.otherPerson),
    concern: formField(body.concern),
    immediateDanger: danger === 'yes' ? true : danger === 'no' ? false : null,
    immediateActions: formField(body.immediateActions),
    consentToShare: formField(body.consentToShare),
    shareWithoutConsentReason: formField(body.shareWithoutConsentReason),
  };
}

/** A date in three fields (name-day, name-month, name-year) as yyyy-mm-dd; null when all three are empty (the rule then asks for it). */
export function optionalFormDay(body: FormBody, name: string, label: string, today: string, fields: FieldError[]): string | null {
  const parts = { day: formField(body[`${name}-day`]), month: formField(body[`${name}-month`]), year: formField(body[`${name}-year`]) };
  if (!parts.day && !parts.month && !parts.year) return null;
  const parsed = parseDateParts(parts, { label, today });
  if (parsed.ok) return parsed.value;
  fields.push({ path: name, message: parsed.message });
  return null;
}

