// Home environment checklist: what the therapist finds on a home visit, recorded item by item so
// concerns can be followed up. Unscored: there is no total and no change over time.
import type { InstrumentDefinition, ItemOption } from './instrument.ts';
import { choiceItem } from './instrument.ts';

/** Values are stable codes, not points. */
export const homeEnvironmentFindings: readonly ItemOption[] = [
  { value: 1, label: 'No concern' },
  { value: 2, label: 'Concern: action needed' },
  { value: 0, label: 'Not applicable' },
];

const check = (id: string, text: string) => choiceItem(id, text, homeEnvironmentFindings);

export const homeEnvironmentChecklist: InstrumentDefinition = {
  id: 'home-environment-checklist',
  version: 1,
  name: 'Home environment checklist',
  shortName: 'Home environment checklist',
  citation: 'Homeward service checklist (not a standardised measure).',
  licence: 'Homeward service content.',
  guidance: 'Record a concern for anything that puts the person at risk or stops them doing what they need to; note the action in the contact note.',
  administration: ['observed', 'interview'],
  items: [
    check('access', 'Getting in and out of the home (steps, rails, door thresholds)'),
    check('internal-stairs', 'Stairs inside (rails, lighting)'),
    check('trip-hazards', 'Trip hazards (loose rugs, trailing cables, clutter)'),
    check('floors', 'Floor surfaces'),
    check('lighting', 'Lighting, including at night'),
    check('seating', 'Chair height and getting up from the chair'),
    check('bed', 'Bed height and getting in and out of bed'),
    check('toilet', 'Toilet height and access'),
    check('bathing', 'Bath or shower access'),
    check('kitchen', 'Kitchen: reaching, carrying, cooker safety'),
    check('heating', 'Heating and keeping warm'),
    check('alarms', 'Smoke alarm and carbon monoxide alarm'),
    check('call-for-help', 'Calling for help (pendant alarm, telephone within reach)'),
    check('pets', 'Pets underfoot'),
    check('equipment', 'Equipment already in place and safe'),
  ],
  scorings: [],
  subscales: [],
  missingItems: { kind: 'none' },
  bandings: [],
  minimalChange: null,
  direction: null,
  unit: '',
  decimals: 0,
};
