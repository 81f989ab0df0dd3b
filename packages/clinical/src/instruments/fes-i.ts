// Falls Efficacy Scale International (FES-I): concern about falling during 16 activities, 1-4 each,
// total 16-64 (higher = more concern). Up to 4 unanswered items are allowed for by prorating.
import type { InstrumentDefinition, ItemOption } from './instrument.ts';
import { choiceItem, ordinalOptions } from './instrument.ts';

export const fesIConcern: readonly ItemOption[] = ordinalOptions(['Not at all concerned', 'Somewhat concerned', 'Fairly concerned', 'Very concerned'], 1);

export const fesIItems = [
  choiceItem('cleaning', 'Cleaning the house', fesIConcern),
  choiceItem('dressing', 'Getting dressed or undressed', fesIConcern),
  choiceItem('simple-meals', 'Preparing simple meals', fesIConcern),
  choiceItem('bath-or-shower', 'Taking a bath or shower', fesIConcern),
  choiceItem('shop', 'Going to the shop', fesIConcern),
  choiceItem('chair', 'Getting in or out of a chair', fesIConcern),
  choiceItem('stairs', 'Going up or down stairs', fesIConcern),
  choiceItem('neighbourhood', 'Walking around the neighbourhood', fesIConcern),
  choiceItem('reaching', 'Reaching up or bending down to the ground', fesIConcern),
  choiceItem('telephone', 'Getting to the telephone before it stops ringing', fesIConcern),
  choiceItem('slippery-surface', 'Walking on a slippery surface', fesIConcern),
  choiceItem('visiting', 'Visiting a friend or relative', fesIConcern),
  choiceItem('crowd', 'Walking in a place with crowds', fesIConcern),
  choiceItem('uneven-surface', 'Walking on an uneven surface', fesIConcern),
  choiceItem('slope', 'Walking up or down a slope', fesIConcern),
  choiceItem('social-event', 'Going out to a social event', fesIConcern),
];

export const fesI: InstrumentDefinition = {
  id: 'fes-i',
  version: 1,
  name: 'Falls Efficacy Scale International',
  shortName: 'FES-I',
  citation:
    'Yardley L, Beyer N, Hauer K, et al. Development and initial validation of the Falls Efficacy Scale-International (FES-I). Age Ageing 2005;34:614-619. ' +
    'Bands: Delbaere K, Close JCT, Mikolaizak AS, et al. Age Ageing 2010;39:210-216.',
  licence: 'Free to use, from ProFaNE.',
  guidance: 'Ask how concerned the person is about falling when doing each activity, thinking of how they usually do it.',
  administration: ['self-report', 'interview'],
  items: fesIItems,
  scorings: [{ id: 'total', label: 'Total (16-64)', items: fesIItems.map((item) => item.id), min: 16, max: 64 }],
  subscales: [],
  missingItems: { kind: 'prorate', maxMissing: 4 },
  bandings: [
    {
      id: 'concern',
      label: 'Concern about falling',
      scoring: 'total',
      source: 'Delbaere et al. 2010',
      bands: [
        { id: 'low', label: 'Low concern', min: 16, max: 19 },
        { id: 'moderate', label: 'Moderate concern', min: 20, max: 27 },
        { id: 'high', label: 'High concern', min: 28, max: 64 },
      ],
    },
  ],
  minimalChange: null,
  direction: 'higher-is-worse',
  unit: 'points',
  decimals: 0,
};
