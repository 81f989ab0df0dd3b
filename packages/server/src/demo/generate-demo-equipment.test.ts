import { describe, expect, it } from 'vitest';
import { equipmentCategories } from '@homeward/clinical';
import { demoCatalogue, generateDemoEquipment } from './generate-demo-equipment.ts';

describe('the demo’s equipment', () => {
  const today = '2026-11-24';
  const made = generateDemoEquipment({ seed: 20261124, today, stores: 2, episodes: 12 });

  it('has a catalogue of about twenty items in every category, that the catalogue’s own rules allow', () => {
    expect(demoCatalogue.length).toBe(20);
    expect(new Set(demoCatalogue.map((c) => c.category))).toEqual(new Set(equipmentCategories));
    expect(new Set(demoCatalogue.map((c) => c.code)).size).toBe(demoCatalogue.length);
    for (const c of demoCatalogue) {
      // The migration's checks: lifting equipment has an interval, and only tracked items have one.
      if (c.loler) expect(c.inspectionIntervalMonths).not.toBeNull();
      if (c.inspectionIntervalMonths !== null) expect(c.stockKind).toBe('tracked');
      // Hoists, beds and rails need a registered therapist.
      if (['transfers', 'beds-and-rails'].includes(c.category) && c.stockKind === 'tracked') expect(c.prescriber).toBe('registered');
    }
  });

  it('is the same from the same seed, with unique serials and some examinations overdue, none inspected in the future', () => {
    expect(generateDemoEquipment({ seed: 20261124, today, stores: 2, episodes: 12 })).toEqual(made);
    expect(new Set(made.items.map((i) => i.serialNumber)).size).toBe(made.items.length);
    expect(made.items.some((i) => i.nextDueOn < today)).toBe(true);
    expect(made.items.some((i) => i.nextDueOn > today)).toBe(true);
    expect(made.items.every((i) => i.lastInspectedOn <= today)).toBe(true);
  });

  it('lends one hoist batch to several patients, and never more tracked items than a store holds', () => {
    const hoistLoans = made.loans.filter((l) => l.code === 'HOIST-MOBILE');
    expect(hoistLoans.length).toBe(4);
    const batchInStore = made.items.filter((i) => i.code === 'HOIST-MOBILE' && i.batch === 'MM-2024-07');
    expect(batchInStore.length).toBeGreaterThanOrEqual(hoistLoans.length);
    for (const code of new Set(made.loans.map((l) => l.code))) {
      const c = demoCatalogue.find((x) => x.code === code)!;
      if (c.stockKind === 'tracked') expect(made.loans.filter((l) => l.code === code).length).toBeLessThanOrEqual(made.items.filter((i) => i.code === code).length);
    }
  });
});
