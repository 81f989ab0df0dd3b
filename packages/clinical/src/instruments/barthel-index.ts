// Barthel Index, 10-item version scored 0-20 (Collin & Wade 1988), the UK and SSNAP standard, with the
// 0-100 equivalent (5 x). Free for non-commercial use with citation; it must not be modified, so the
// items and levels here follow the published scoring exactly.
import type { InstrumentDefinition } from './instrument.ts';
import { choiceItem, ordinalOptions } from './instrument.ts';

const items = [
  choiceItem('bowels', 'Bowels', ordinalOptions(['Incontinent or needs enemas', 'Occasional accident (about once a week)', 'Continent'])),
  choiceItem('bladder', 'Bladder', ordinalOptions(['Incontinent, or catheterised and unable to manage', 'Occasional accident (at most once in 24 hours)', 'Continent'])),
  choiceItem('grooming', 'Grooming', ordinalOptions(['Needs help with personal care', 'Independent with face, hair, teeth, shaving'])),
  choiceItem('toilet-use', 'Toilet use', ordinalOptions(['Dependent', 'Needs some help but can do something alone', 'Independent'])),
  choiceItem('feeding', 'Feeding', ordinalOptions(['Unable', 'Needs help cutting, spreading etc.', 'Independent'])),
  choiceItem(
    'transfer',
    'Transfer (bed to chair and back)',
    ordinalOptions(['Unable, no sitting balance', 'Major help (one or two people, physical), can sit', 'Minor help (verbal or physical)', 'Independent']),
  ),
  choiceItem(
    'mobility',
    'Mobility (on level surfaces)',
    ordinalOptions(['Immobile', 'Wheelchair independent, including corners', 'Walks with help of one person', 'Independent (any aid allowed)']),
  ),
  choiceItem('dressing', 'Dressing', ordinalOptions(['Dependent', 'Needs help, does about half', 'Independent, including buttons, zips, laces'])),
  choiceItem('stairs', 'Stairs', ordinalOptions(['Unable', 'Needs help (verbal, physical, carrying aid)', 'Independent'])),
  choiceItem('bathing', 'Bathing', ordinalOptions(['Dependent', 'Independent'])),
];

const allItems = items.map((item) => item.id);

export const barthelIndex: InstrumentDefinition = {
  id: 'barthel-index',
  version: 1,
  name: 'Barthel Index',
  shortName: 'Barthel',
  citation:
    'Mahoney FI, Barthel DW. Functional evaluation: the Barthel Index. Md State Med J 1965;14:61-65. ' +
    'Collin C, Wade DT, Davies S, Horne V. The Barthel ADL Index: a reliability study. Int Disabil Stud 1988;10:61-63.',
  licence: 'Free for non-commercial use with citation; must not be modified.',
  guidance:
    'Record what the person does, not what they could do. Needing supervision is not independent. ' +
    'A middle level means the person supplies more than half the effort. Usually covers the last 24-48 hours.',
  administration: ['observed', 'self-report', 'proxy', 'interview'],
  items,
  scorings: [
    { id: 'total-20', label: 'Total (0-20)', items: allItems, min: 0, max: 20 },
    { id: 'total-100', label: 'Total (0-100 equivalent)', items: allItems, multiplier: 5, min: 0, max: 100 },
  ],
  subscales: [],
  missingItems: { kind: 'none' },
  bandings: [
    {
      id: 'dependency',
      label: 'Dependency (on the 0-100 form)',
      scoring: 'total-100',
      source: 'Shah S, Vanclay F, Cooper B. Improving the sensitivity of the Barthel Index for stroke rehabilitation. J Clin Epidemiol 1989;42:703-709.',
      bands: [
        { id: 'total', label: 'Total dependency', min: 0, max: 20 },
        { id: 'severe', label: 'Severe dependency', min: 21, max: 60 },
        { id: 'moderate', label: 'Moderate dependency', min: 61, max: 90 },
        { id: 'slight', label: 'Slight dependency', min: 91, max: 99 },
        { id: 'independent', label: 'Independent', min: 100, max: 100 },
      ],
    },
  ],
  minimalChange: {
    kind: 'MCID',
    // A change of more than 2 points is probably genuine; 1.85 is the smallest that matters to patients.
    thresholds: [{ baselineMin: 0, baselineMax: 20, threshold: 1.85 }],
    population: 'stroke',
    source: 'Hsieh 2007',
  },
  direction: 'higher-is-better',
  unit: 'points',
  decimals: 0,
};
