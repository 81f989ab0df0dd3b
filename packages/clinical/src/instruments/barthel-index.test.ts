import { describe, it, expect } from 'vitest';
import { barthelIndex } from './barthel-index.ts';
import { changeFromBaseline } from './change-from-baseline.ts';
import { everyItem, responsesTotalling, without } from './responses-for-tests.ts';
import { scoreInstrument } from './score-instrument.ts';

const score = (responses: Record<string, number | null | undefined>) => scoreInstrument(barthelIndex, responses);

describe('Barthel Index: totals, 0-100 equivalent and dependency bands', () => {
  it.each<[number, number, string]>([
    [0, 0, 'total'],
    [4, 20, 'total'],
    [5, 25, 'severe'],
    [12, 60, 'severe'],
    [13, 65, 'moderate'],
    [18, 90, 'moderate'],
    [19, 95, 'slight'],
    [20, 100, 'independent'],
  ])('%i on 0-20 is %i on 0-100: %s dependency', (total20, total100, band) => {
    const result = score(responsesTotalling(barthelIndex, total20));
    expect(result).toMatchObject({ ok: true, total: total20, alternativeTotals: { 'total-100': { total: total100 } }, band: { banding: 'dependency', id: band }, prorated: false, answered: 10 });
  });

  it('adds the item scores as published: Mrs B at her first visit scores 12', () => {
    const mrsB = { bowels: 2, bladder: 1, grooming: 1, 'toilet-use': 1, feeding: 2, transfer: 2, mobility: 2, dressing: 1, stairs: 0, bathing: 0 };
    expect(score(mrsB)).toMatchObject({ ok: true, total: 12, alternativeTotals: { 'total-100': { total: 60 } }, band: { label: 'Severe dependency' } });
  });
});

describe('Barthel Index: refused responses', () => {
  const complete = everyItem(barthelIndex, 1);

  it.each<[string, Record<string, number | null | undefined>, { itemId: string; message: string }[]]>([
    ['bowels 3 is out of range', { ...complete, bowels: 3 }, [{ itemId: 'bowels', message: 'Bowels: 3 is out of range; the options run from 0 to 2' }]],
    ['a negative score is out of range', { ...complete, stairs: -1 }, [{ itemId: 'stairs', message: 'Stairs: -1 is out of range; the options run from 0 to 2' }]],
    ['transfer 4 is out of range', { ...complete, transfer: 4 }, [{ itemId: 'transfer', message: 'Transfer (bed to chair and back): 4 is out of range; the options run from 0 to 3' }]],
    ['half points are not options', { ...complete, transfer: 1.5 }, [{ itemId: 'transfer', message: 'Transfer (bed to chair and back): 1.5 is not one of the options (0, 1, 2 or 3)' }]],
    ['bathing scores 0 or 1 only', { ...complete, bathing: 2 }, [{ itemId: 'bathing', message: 'Bathing: 2 is out of range; the options run from 0 to 1' }]],
    [
      'no item may be left out',
      without(complete, 'dressing'),
      [{ itemId: 'dressing', message: 'Dressing: not answered; every item of the Barthel must be answered' }],
    ],
    ['an absent item counts as unanswered', (({ bladder: _b, ...rest }) => rest)(complete), [{ itemId: 'bladder', message: 'Bladder: not answered; every item of the Barthel must be answered' }]],
    ['not a number', { ...complete, feeding: Number.NaN }, [{ itemId: 'feeding', message: 'Feeding: the response must be a number' }]],
    ['an item the Barthel does not have', { ...complete, cognition: 1 }, [{ itemId: 'cognition', message: 'cognition: not an item of the Barthel Index' }]],
  ])('%s', (_case, responses, errors) => {
    expect(score(responses)).toEqual({ ok: false, errors });
  });

  it('reports every problem at once', () => {
    const result = score({ ...without(complete, 'bowels', 'bladder'), grooming: 2 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.itemId)).toEqual(['grooming', 'bowels', 'bladder']);
  });
});

describe('Barthel Index: change from baseline against the MCID of 1.85 (0-20)', () => {
  it('Mrs B rises by 4 points at review: passes the minimal clinically important difference', () => {
    expect(changeFromBaseline(barthelIndex, 12, 16)).toEqual({
      change: 4,
      direction: 'improved',
      passesMinimalChange: true,
      threshold: 1.85,
      thresholdKind: 'MCID',
      summary: 'Up 4 points (improved): passes the minimal clinically important difference of 1.85 points (stroke; Hsieh 2007)',
    });
  });

  it.each<[number, number, string, boolean]>([
    [12, 13, 'improved', false],
    [12, 14, 'improved', true],
    [12, 12, 'no change', false],
    [12, 11, 'worse', false],
    [12, 10, 'worse', true],
    [0, 20, 'improved', true],
  ])('%i to %i: %s, passes %s', (baseline, latest, direction, passes) => {
    expect(changeFromBaseline(barthelIndex, baseline, latest)).toMatchObject({ direction, passesMinimalChange: passes, threshold: 1.85, thresholdKind: 'MCID' });
  });

  it('refuses a number that is not a 0-20 total (a 0-100 score passed by mistake)', () => {
    expect(() => changeFromBaseline(barthelIndex, 60, 80)).toThrow('60 is not a Barthel total');
  });
});

// The words the form and the record show beside the score: an emptied one is a blank on the page.
describe('Barthel Index: its words', () => {
  it('cites both papers, guides the assessor, and names its totals and bands', () => {
    expect(barthelIndex.citation).toBe(
      'Mahoney FI, Barthel DW. Functional evaluation: the Barthel Index. Md State Med J 1965;14:61-65. Collin C, Wade DT, Davies S, Horne V. The Barthel ADL Index: a reliability study. Int Disabil Stud 1988;10:61-63.',
    );
    expect(barthelIndex.guidance).toBe(
      'Record what the person does, not what they could do. Needing supervision is not independent. A middle level means the person supplies more than half the effort. Usually covers the last 24-48 hours.',
    );
    expect(barthelIndex.scorings.map((s) => [s.id, s.label])).toEqual([['total-20', 'Total (0-20)'], ['total-100', 'Total (0-100 equivalent)']]);
    const [dependency] = barthelIndex.bandings;
    expect([dependency!.label, dependency!.source]).toEqual(['Dependency (on the 0-100 form)', 'Shah S, Vanclay F, Cooper B. Improving the sensitivity of the Barthel Index for stroke rehabilitation. J Clin Epidemiol 1989;42:703-709.']);
    expect(dependency!.bands.map((b) => b.label)).toEqual(['Total dependency', 'Severe dependency', 'Moderate dependency', 'Slight dependency', 'Independent']);
  });
});
