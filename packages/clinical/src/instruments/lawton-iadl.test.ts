import { describe, it, expect } from 'vitest';
import { lawtonIadl } from './lawton-iadl.ts';
import { scoreInstrument } from './score-instrument.ts';

/** Every domain at its last statement (scores 0). */
const leastAble = Object.fromEntries(lawtonIadl.items.map((item) => [item.id, item.kind === 'choice' ? item.options.length : 0]));

describe('Lawton IADL: 8 domains scored 0 or 1, total 0-8', () => {
  it('scores 8 when every domain is at its first statement and 0 at its last', () => {
    expect(scoreInstrument(lawtonIadl, Object.fromEntries(lawtonIadl.items.map((item) => [item.id, 1])))).toMatchObject({ ok: true, total: 8, band: null });
    expect(scoreInstrument(lawtonIadl, leastAble)).toMatchObject({ ok: true, total: 0 });
  });

  // Which statements score 1, as marked on the published form.
  it.each<[string, number[]]>([
    ['telephone', [1, 1, 1, 0]],
    ['shopping', [1, 0, 0, 0]],
    ['food-preparation', [1, 0, 0, 0]],
    ['housekeeping', [1, 1, 1, 1, 0]],
    ['laundry', [1, 1, 0]],
    ['transport', [1, 1, 1, 0, 0]],
    ['medications', [1, 0, 0]],
    ['finances', [1, 1, 0]],
  ])('%s statements score %j', (domain, points) => {
    const scored = points.map((_p, index) => {
      const result = scoreInstrument(lawtonIadl, { ...leastAble, [domain]: index + 1 });
      return result.ok ? result.total : null;
    });
    expect(scored).toEqual(points);
  });

  it.each<[string, number, string]>([
    ['telephone', 5, 'Using the telephone: 5 is out of range; the options run from 1 to 4'],
    ['laundry', 0, 'Laundry: 0 is out of range; the options run from 1 to 3'],
    ['housekeeping', 2.5, 'Housekeeping: 2.5 is not one of the options (1, 2, 3, 4 or 5)'],
  ])('refuses %s %f', (domain, value, message) => {
    const result = scoreInstrument(lawtonIadl, { ...leastAble, [domain]: value });
    expect(!result.ok && result.errors).toEqual([{ itemId: domain, message }]);
  });

  it('shows the copyright citation', () => {
    expect(lawtonIadl.citation).toContain('Gerontological Society of America');
  });
});
