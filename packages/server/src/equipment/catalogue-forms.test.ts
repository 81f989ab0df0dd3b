import { describe, expect, it } from 'vitest';
import { HomewardError } from '../platform/homeward-error.ts';
import { parseCatalogueForm, parseInspectionForm, parseItemForm, parseStockMoveForm } from './catalogue-forms.ts';

const now = new Date('2026-11-24T09:00:00Z');
const fieldsOf = (parse: () => unknown) => {
  try {
    parse();
  } catch (error) {
    if (error instanceof HomewardError) return error.fields;
    throw error;
  }
  return [];
};

const stool = { code: 'BATH-PS-01', name: 'Perching stool', category: 'bathing', make: '', model: '', stockKind: 'stock', prescriber: 'assistant', unitCost: '32.50', instructions: '' };

describe('the catalogue form', () => {
  it('reads pounds and pence, ticked boxes and an empty interval', () => {
    expect(parseCatalogueForm({ ...stool, unitCost: '£1,032.5' })).toMatchObject({ unitCostPence: 103250, loler: false, inspectionIntervalMonths: null, active: true });
    expect(parseCatalogueForm({ ...stool, stockKind: 'tracked', loler: 'yes', inspectionIntervalMonths: '6', prescriber: 'registered', active: 'no' })).toMatchObject({ loler: true, inspectionIntervalMonths: 6, active: false });
  });

  it.each([
    [{ unitCost: 'lots' }, [{ path: 'unitCost', message: 'Enter the unit cost in pounds and pence, like 32.50' }]],
    [{ unitCost: '' }, [{ path: 'unitCost', message: 'Enter the unit cost in pounds and pence, like 32.50' }]],
    [{ code: '' }, [{ path: 'code', message: 'Enter the catalogue code' }]],
    [{ category: '' }, [{ path: 'category', message: 'Select the category' }]],
    [{ loler: 'yes' }, [{ path: 'loler', message: 'Lifting equipment is tracked one by one: choose "tracked" to examine each item' }, { path: 'inspectionIntervalMonths', message: 'Enter the months between thorough examinations (6 for lifting equipment used by people)' }, { path: 'prescriber', message: 'Lifting equipment, beds and rails are prescribed by a registered therapist only: choose "A registered therapist only"' }]],
    // The competence rule does not rest on how the catalogue was set up.
    [{ category: 'beds-and-rails', needsRiskAssessment: 'yes' }, [{ path: 'prescriber', message: 'Lifting equipment, beds and rails are prescribed by a registered therapist only: choose "A registered therapist only"' }]],
    [{ category: 'beds-and-rails', prescriber: 'registered' }, [{ path: 'needsRiskAssessment', message: 'Beds and rails need a risk assessment recorded before they are prescribed (entrapment): tick the risk assessment box' }]],
    [{ inspectionIntervalMonths: 'six' }, [{ path: 'inspectionIntervalMonths', message: 'Enter the months between examinations as a whole number' }]],
    [{ stockKind: 'tracked', inspectionIntervalMonths: '61' }, [{ path: 'inspectionIntervalMonths', message: 'The months between examinations must be 60 or fewer' }]],
  ])('%o is refused on its field', (change, fields) => {
    expect(fieldsOf(() => parseCatalogueForm({ ...stool, ...change }))).toEqual(fields);
  });
});

describe('the stock form', () => {
  const id = '01a247b3-70fd-75bc-885c-5f1dfd7c1b9e';
  it.each([
    [{ change: '3', reason: 'received' }, { change: 3 }],
    [{ change: '-2', reason: 'written-off', version: '4' }, { change: -2, version: 4 }],
  ])('%o is read', (form, expected) => {
    expect(parseStockMoveForm({ catalogueItemId: id, note: '', version: '1', ...form })).toMatchObject(expected);
  });
  it.each([
    [{ change: '0', reason: 'adjusted' }, 'Enter a change other than nought'],
    [{ change: '-1', reason: 'received' }, 'Stock received adds to the count: enter how many came in'],
    [{ change: 'two', reason: 'received' }, 'Enter how many as a whole number (negative to take away)'],
  ])('%o is refused: %s', (form, message) => {
    expect(fieldsOf(() => parseStockMoveForm({ catalogueItemId: id, note: '', version: '1', ...form }))).toEqual([{ path: 'change', message }]);
  });
});

describe('dates typed as day, month and year', () => {
  const item = { catalogueItemId: '01a247b3-70fd-75bc-885c-5f1dfd7c1b9e', storeId: '01a247b3-70fd-75bc-885c-5f1dfd7c1b9f', serialNumber: 'AX 1', assetNumber: '', batch: '' };
  it('an item without a date of its last examination has none; with one, it is read', () => {
    expect(parseItemForm(item, now).lastInspectedOn).toBeNull();
    expect(parseItemForm({ ...item, 'lastInspectedOn-day': '20', 'lastInspectedOn-month': 'June', 'lastInspectedOn-year': '2026' }, now).lastInspectedOn).toBe('2026-06-20');
    expect(fieldsOf(() => parseItemForm({ ...item, 'lastInspectedOn-day': '31', 'lastInspectedOn-month': '2', 'lastInspectedOn-year': '2026' }, now))).toEqual([{ path: 'lastInspectedOn', message: 'Date of its last examination or service must be a real date' }]);
  });
  it('an examination needs its date; the rule against the future is the domain’s (record-inspection.ts), shared with the API', () => {
    expect(fieldsOf(() => parseInspectionForm({ kind: 'loler', result: 'pass', version: '1' }, now))).toEqual([{ path: 'inspectedOn', message: 'Enter date of the examination' }]);
    expect(parseInspectionForm({ kind: 'loler', result: 'pass', version: '1', 'inspectedOn-day': '24', 'inspectedOn-month': '11', 'inspectedOn-year': '2026' }, now)).toMatchObject({ inspectedOn: '2026-11-24', version: 1 });
  });
});
