// The catalogue part's page forms made into the shapes its Zod schemas take (catalogue-schemas.ts), so
// a page and the API refuse the same things in the same words; a problem is named by the form's field.
import type { z } from 'zod';
import { parseDateParts, ukDateOf } from '@homeward/clinical';
import { formField, type FormBody } from '../platform/form-body.ts';
import { validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { fieldsFromZodIssues } from '../platform/validation.ts';
import { catalogueItemInput, inspectionInput, itemChange, itemInput, stockMoveInput, storeInput, type CatalogueItemInput, type InspectionInput, type ItemChange, type ItemInput, type StockMoveInput, type StoreInput } from './catalogue-schemas.ts';
import type { CatalogueItem } from './catalogue-view.ts';

function parseWith<S extends z.ZodType>(schema: S, input: unknown, rename: Record<string, string>, early: FieldError[]): z.output<S> {
  const result = schema.safeParse(input);
  const fields = [...early, ...(result.success ? [] : fieldsFromZodIssues(result.error.issues).map((f) => ({ ...f, path: rename[f.path] ?? f.path })))];
  // One message per field: the form's own check (a number that is not one) before the schema's.
  const seen = new Set<string>();
  const unique = fields.filter((f) => (seen.has(f.path) ? false : (seen.add(f.path), true)));
  if (unique.length || !result.success) throw validationFailed(unique);
  return result.data;
}

/** "32.50" or "£32.50" as pence; a problem names the field. */
function pence(text: string, path: string, early: FieldError[]): number | undefined {
  const t = text.replace(/^£/, '').replace(/,/g, '');
  if (t === '') {
    early.push({ path, message: 'Enter the unit cost in pounds and pence, like 32.50' });
    return undefined;
  }
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(t)) {
    early.push({ path, message: 'Enter the unit cost in pounds and pence, like 32.50' });
    return undefined;
  }
  return Math.round(Number(t) * 100);
}

function wholeNumber(text: string, path: string, what: string, early: FieldError[], signed = false): number | null {
  if (text === '') return null;
  if (!(signed ? /^[-−]?\d{1,6}$/ : /^\d{1,6}$/).test(text)) {
    early.push({ path, message: `Enter ${what} as a whole number${signed ? ' (negative to take away)' : ''}` });
    return null;
  }
  return Number(text.replace('−', '-'));
}

export function catalogueFormValues(item: CatalogueItem): FormBody {
  return {
    code: item.code, name: item.name, category: item.category, make: item.make, model: item.model, stockKind: item.stockKind,
    loler: item.loler ? 'yes' : '', inspectionIntervalMonths: item.inspectionIntervalMonths === null ? '' : String(item.inspectionIntervalMonths),
    needsRiskAssessment: item.needsRiskAssessment ? 'yes' : '', prescriber: item.prescriber, unitCost: (item.unitCostPence / 100).toFixed(2),
    instructions: item.instructions, active: item.active ? 'yes' : 'no', version: String(item.version),
  };
}

export function parseCatalogueForm(body: FormBody): CatalogueItemInput {
  const early: FieldError[] = [];
  const unitCostPence = pence(formField(body.unitCost), 'unitCost', early);
  const input = {
    code: formField(body.code), name: formField(body.name), category: formField(body.category) || undefined, make: formField(body.make), model: formField(body.model),
    stockKind: formField(body.stockKind) || undefined, loler: formField(body.loler) === 'yes',
    inspectionIntervalMonths: wholeNumber(formField(body.inspectionIntervalMonths), 'inspectionIntervalMonths', 'the months between examinations', early),
    needsRiskAssessment: formField(body.needsRiskAssessment) === 'yes', prescriber: formField(body.prescriber) || undefined,
    unitCostPence: unitCostPence ?? (early.some((f) => f.path === 'unitCost') ? 0 : undefined),
    instructions: formField(body.instructions), active: formField(body.active) !== 'no',
  };
  return parseWith(catalogueItemInput, input, { unitCostPence: 'unitCost' }, early);
}

export function parseStoreForm(body: FormBody): StoreInput {
  return parseWith(storeInput, { name: formField(body.name), teamId: formField(body.teamId) || null, address: formField(body.address) }, {}, []);
}

export function parseStockMoveForm(body: FormBody): StockMoveInput {
  const early: FieldError[] = [];
  const change = wholeNumber(formField(body.change), 'change', 'how many', early, true);
  const versionText = formField(body.version);
  return parseWith(stockMoveInput, {
    catalogueItemId: formField(body.catalogueItemId), reason: formField(body.reason) || undefined, change: change ?? (early.length ? 1 : undefined),
    note: formField(body.note), ...(/^\d{1,10}$/.test(versionText) ? { version: Number(versionText) } : {}),
  }, {}, early);
}

/** A date typed as day, month and year ("lastInspectedOn-day" ...); empty is null when not required. */
function dateField(body: FormBody, name: string, label: string, now: Date, early: FieldError[], required: boolean): string | null {
  const parts = { day: formField(body[`${name}-day`]), month: formField(body[`${name}-month`]), year: formField(body[`${name}-year`]) };
  if (!required && parts.day === '' && parts.month === '' && parts.year === '') return null;
  const parsed = parseDateParts(parts, { label, today: ukDateOf(now), earliestYear: 2000 });
  if (!parsed.ok) {
    early.push({ path: name, message: parsed.message });
    return null;
  }
  return parsed.value;
}

export function parseItemForm(body: FormBody, now: Date): ItemInput {
  const early: FieldError[] = [];
  const lastInspectedOn = dateField(body, 'lastInspectedOn', 'Date of its last examination or service', now, early, false);
  return parseWith(itemInput, {
    catalogueItemId: formField(body.catalogueItemId), serialNumber: formField(body.serialNumber), assetNumber: formField(body.assetNumber), batch: formField(body.batch),
    storeId: formField(body.storeId), condition: formField(body.condition) || 'good', lastInspectedOn,
  }, {}, early);
}

export function parseInspectionForm(body: FormBody, now: Date): InspectionInput {
  const early: FieldError[] = [];
  const inspectedOn = dateField(body, 'inspectedOn', 'Date of the examination', now, early, true);
  const versionText = formField(body.version);
  return parseWith(inspectionInput, {
    kind: formField(body.kind) || undefined, inspectedOn: inspectedOn ?? (early.length ? '2000-01-01' : undefined), result: formField(body.result) || undefined, note: formField(body.note),
    version: /^\d{1,10}$/.test(versionText) ? Number(versionText) : undefined,
  }, {}, early);
}

export function parseItemChangeForm(body: FormBody): ItemChange {
  const versionText = formField(body.version);
  return parseWith(itemChange, {
    assetNumber: formField(body.assetNumber), batch: formField(body.batch), storeId: formField(body.storeId), condition: formField(body.condition) || undefined, status: formField(body.status) || undefined,
    version: /^\d{1,10}$/.test(versionText) ? Number(versionText) : undefined,
  }, {}, []);
}
