// Short FES-I (Kempen 2008): seven of the FES-I activities, same responses, total 7-28.
import type { InstrumentDefinition } from './instrument.ts';
import { fesIItems } from './fes-i.ts';

const shortItemIds = ['dressing', 'bath-or-shower', 'chair', 'stairs', 'reaching', 'slope', 'social-event'];
const items = shortItemIds.map((id) => fesIItems.find((item) => item.id === id)!);

export const shortFesI: InstrumentDefinition = {
  id: 'short-fes-i',
  version: 1,
  name: 'Short Falls Efficacy Scale International',
  shortName: 'Short FES-I',
  citation:
    'Kempen GIJM, Yardley L, van Haastregt JCM, et al. The Short FES-I: a shortened version of the falls efficacy scale-international to assess fear of falling. Age Ageing 2008;37:45-50. ' +
    'Bands: Delbaere K, Close JCT, Mikolaizak AS, et al. Age Ageing 2010;39:210-216.',
  licence: 'Free to use, from ProFaNE.',
  guidance: 'Ask how concerned the person is about falling when doing each activity, thinking of how they usually do it.',
  administration: ['self-report', 'interview'],
  items,
  scorings: [{ id: 'total', label: 'Total (7-28)', items: shortItemIds, min: 7, max: 28 }],
  subscales: [],
  // ProFaNE's scoring guidance: one unanswered item may be prorated (sum / 6 x 7); with more, no score.
  missingItems: { kind: 'prorate', maxMissing: 1 },
  bandings: [
    {
      id: 'concern',
      label: 'Concern about falling',
      scoring: 'total',
      source: 'Delbaere et al. 2010',
      bands: [
        { id: 'low', label: 'Low concern', min: 7, max: 8 },
        { id: 'moderate', label: 'Moderate concern', min: 9, max: 13 },
        { id: 'high', label: 'High concern', min: 14, max: 28 },
      ],
    },
  ],
  minimalChange: null,
  direction: 'higher-is-worse',
  unit: 'points',
  decimals: 0,
};
