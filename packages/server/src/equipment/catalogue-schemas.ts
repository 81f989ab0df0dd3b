// The inputs of the catalogue part, one Zod schema each, shared by the JSON API (its body) and the pages
// (the form's fields made into the same shape first), so both refuse the same things in the same words.
import { z } from 'zod';
import { equipmentCategories, inspectionKinds, inspectionResults, type EquipmentCategory } from '@homeward/clinical';
import { version } from '../platform/number-schemas.ts';
import { optionalText, text } from '../platform/text-schemas.ts';

/** A client may mint the new record's id (UUIDv7), so a retry without an Idempotency-Key still makes one. */
const newId = z.uuid('id must be a UUID').optional();

const required = (max: number, what: string) => text(max).min(1, `Enter ${what}`);
const isoDate = (what: string) => z.string({ error: `Enter ${what}` }).regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${what} as yyyy-mm-dd`).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be a real date`);
const count = (what: string, min: number, max: number) => z.number({ error: `Enter ${what} as a whole number` }).int(`Enter ${what} as a whole number`).min(min, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${min} or more`).max(max, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max} or fewer`);

const catalogueItemFields = z.object({
  id: newId,
  code: required(40, 'the catalogue code'),
  name: required(120, 'the name of the item'),
  category: z.enum(equipmentCategories, { error: 'Select the category' }),
  make: text(80).default(''),
  model: text(80).default(''),
  stockKind: z.enum(['stock', 'tracked'], { error: 'Select whether it is counted as stock or tracked one by one' }),
  loler: z.boolean().default(false),
  inspectionIntervalMonths: count('the months between examinations', 1, 60).nullable().default(null),
  needsRiskAssessment: z.boolean().default(false),
  prescriber: z.enum(['assistant', 'registered'], { error: 'Select who may prescribe it' }),
  unitCostPence: count('the unit cost', 0, 100_000_000),
  instructions: text(4000).default(''),
  active: z.boolean().default(true),
});

// The migration's own rules, said in words before the database says them as a refusal.
const catalogueRules = (v: { category: EquipmentCategory; loler: boolean; stockKind: 'stock' | 'tracked'; inspectionIntervalMonths: number | null; prescriber: 'assistant' | 'registered'; needsRiskAssessment: boolean }, ctx: z.RefinementCtx) => {
  if (v.loler && v.stockKind !== 'tracked') ctx.addIssue({ code: 'custom', path: ['loler'], message: 'Lifting equipment is tracked one by one: choose "tracked" to examine each item' });
  if (v.loler && v.inspectionIntervalMonths === null) ctx.addIssue({ code: 'custom', path: ['inspectionIntervalMonths'], message: 'Enter the months between thorough examinations (6 for lifting equipment used by people)' });
  if (v.inspectionIntervalMonths !== null && v.stockKind !== 'tracked') ctx.addIssue({ code: 'custom', path: ['inspectionIntervalMonths'], message: 'Only items tracked one by one can be examined or serviced on an interval' });
  // The competence rule (decidePrescribing holds it whatever the row says): the catalogue says it too.
  if ((v.loler || v.category === 'beds-and-rails') && v.prescriber !== 'registered') ctx.addIssue({ code: 'custom', path: ['prescriber'], message: 'Lifting equipment, beds and rails are prescribed by a registered therapist only: choose "A registered therapist only"' });
  if (v.category === 'beds-and-rails' && !v.needsRiskAssessment) ctx.addIssue({ code: 'custom', path: ['needsRiskAssessment'], message: 'Beds and rails need a risk assessment recorded before they are prescribed (entrapment): tick the risk assessment box' });
};

export const catalogueItemInput = catalogueItemFields.strict().superRefine(catalogueRules);
/** A change: every field again, with the version you read. */
export const catalogueItemChange = catalogueItemFields.omit({ id: true }).extend({ version }).strict().superRefine(catalogueRules);
export type CatalogueItemInput = z.output<typeof catalogueItemInput>;

export const storeInput = z
  .object({
    id: newId,
    name: required(120, 'the name of the store'),
    teamId: z.uuid('Select a team').nullable().default(null),
    address: text(300).default(''),
  })
  .strict();
export type StoreInput = z.output<typeof storeInput>;

export const stockMoveReasons = ['received', 'adjusted', 'written-off'] as const;
export const stockMoveInput = z
  .object({
    catalogueItemId: z.uuid('Select the item'),
    reason: z.enum(stockMoveReasons, { error: 'Select why the count changes' }),
    change: count('the change in the count', -10_000, 10_000).refine((n) => n !== 0, 'Enter a change other than nought'),
    note: optionalText(500).default(null),
    /**
     * The level's version you read, always: a count not yet made at this store is version 1 at nought
     * (the level the first stock makes), so the first stock sends 1 and a second "first" stock is a 409,
     * not a count added twice.
     */
    version,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.reason === 'received' && v.change < 0) ctx.addIssue({ code: 'custom', path: ['change'], message: 'Stock received adds to the count: enter how many came in' });
    if (v.reason === 'written-off' && v.change > 0) ctx.addIssue({ code: 'custom', path: ['change'], message: 'Stock written off takes from the count: enter it as a negative number' });
  });
export type StockMoveInput = z.output<typeof stockMoveInput>;

export const itemConditions = ['new', 'good', 'fair', 'poor', 'condemned'] as const;
export const itemInput = z
  .object({
    id: newId,
    catalogueItemId: z.uuid('Select the item from the catalogue'),
    serialNumber: required(60, 'the serial number'),
    assetNumber: optionalText(60).default(null),
    batch: optionalText(60).default(null),
    storeId: z.uuid('Select the store it is kept at'),
    condition: z.enum(itemConditions, { error: 'Select its condition' }).default('good'),
    /** Its last thorough examination or service, from its certificate (not in the future). */
    lastInspectedOn: isoDate('the date of its last examination').nullable().default(null),
  })
  .strict();
export type ItemInput = z.output<typeof itemInput>;

export const inspectionInput = z
  .object({
    id: newId,
    kind: z.enum(inspectionKinds, { error: 'Select whether it was a LOLER thorough examination or a service' }),
    inspectedOn: isoDate('the date of the examination'),
    result: z.enum(inspectionResults, { error: 'Select the result' }),
    note: optionalText(2000).default(null),
    /** The item's version you read. */
    version,
  })
  .strict();
export type InspectionInput = z.output<typeof inspectionInput>;

/** What the store changes on an item not out on loan: where it is kept, its condition, and whether it is in use. */
export const itemChangeStatuses = ['in-store', 'in-repair', 'withdrawn', 'missing', 'written-off'] as const;
export const itemChange = z
  .object({
    assetNumber: optionalText(60).default(null),
    batch: optionalText(60).default(null),
    storeId: z.uuid('Select the store it is kept at'),
    condition: z.enum(itemConditions, { error: 'Select its condition' }),
    status: z.enum(itemChangeStatuses, { error: 'Select where it is' }),
    version,
  })
  .strict();
export type ItemChange = z.output<typeof itemChange>;
