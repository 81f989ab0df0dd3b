import { describe, it, expect } from 'vitest';
import { changeFromBaseline } from './change-from-baseline.ts';
import { homeEnvironmentChecklist } from './home-environment-checklist.ts';
import { everyItem, without } from './responses-for-tests.ts';
import { scoreInstrument } from './score-instrument.ts';

describe('Home environment checklist: recorded item by item, unscored', () => {
  it('keeps the findings without a total or band', () => {
    const findings = { ...everyItem(homeEnvironmentChecklist, 1), 'trip-hazards': 2, pets: 0 };
    expect(scoreInstrument(homeEnvironmentChecklist, findings)).toEqual({
      ok: true,
      total: null,
      subscales: {},
      alternativeTotals: {},
      band: null,
      bands: [],
      prorated: false,
      answered: homeEnvironmentChecklist.items.length,
    });
  });

  it('needs every item looked at ("not applicable" is an answer)', () => {
    const result = scoreInstrument(homeEnvironmentChecklist, without(everyItem(homeEnvironmentChecklist, 0), 'alarms'));
    expect(!result.ok && result.errors).toEqual([
      { itemId: 'alarms', message: 'Smoke alarm and carbon monoxide alarm: not answered; every item of the Home environment checklist must be answered' },
    ]);
  });

  it('refuses a finding that is not one of the options', () => {
    const result = scoreInstrument(homeEnvironmentChecklist, { ...everyItem(homeEnvironmentChecklist, 1), lighting: 3 });
    expect(!result.ok && result.errors.map((e) => e.message)).toEqual(['Lighting, including at night: 3 is out of range; the options run from 0 to 2']);
  });

  it('has no change from baseline', () => {
    expect(() => changeFromBaseline(homeEnvironmentChecklist, 1, 2)).toThrow('Home environment checklist is not scored');
  });
});

describe('Home environment checklist: its words', () => {
  it('checks the 15 things a home visit looks at, each no concern, concern or not applicable', () => {
    expect(homeEnvironmentChecklist.items.map((item) => [item.id, item.text])).toEqual([
      ['access', 'Getting in and out of the home (steps, rails, door thresholds)'],
      ['internal-stairs', 'Stairs inside (rails, lighting)'],
      ['trip-hazards', 'Trip hazards (loose rugs, trailing cables, clutter)'],
      ['floors', 'Floor surfaces'],
      ['lighting', 'Lighting, including at night'],
      ['seating', 'Chair height and getting up from the chair'],
      ['bed', 'Bed height and getting in and out of bed'],
      ['toilet', 'Toilet height and access'],
      ['bathing', 'Bath or shower access'],
      ['kitchen', 'Kitchen: reaching, carrying, cooker safety'],
      ['heating', 'Heating and keeping warm'],
      ['alarms', 'Smoke alarm and carbon monoxide alarm'],
      ['call-for-help', 'Calling for help (pendant alarm, telephone within reach)'],
      ['pets', 'Pets underfoot'],
      ['equipment', 'Equipment already in place and safe'],
    ]);
    for (const item of homeEnvironmentChecklist.items) {
      expect(item.kind === 'choice' && item.options, item.id).toEqual([
        { value: 1, label: 'No concern' },
        { value: 2, label: 'Concern: action needed' },
        { value: 0, label: 'Not applicable' },
      ]);
    }
  });

  it('is unscored, and says what it is', () => {
    expect(homeEnvironmentChecklist).toMatchObject({
      id: 'home-environment-checklist',
      version: 1,
      name: 'Home environment checklist',
      shortName: 'Home environment checklist',
      citation: 'Homeward service checklist (not a standardised measure).',
      licence: 'Homeward service content.',
      guidance: 'Record a concern for anything that puts the person at risk or stops them doing what they need to; note the action in the contact note.',
      administration: ['observed', 'interview'],
      scorings: [],
      subscales: [],
      missingItems: { kind: 'none' },
      bandings: [],
      minimalChange: null,
      direction: null,
      unit: '',
      decimals: 0,
    });
  });
});
