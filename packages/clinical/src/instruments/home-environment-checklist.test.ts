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
