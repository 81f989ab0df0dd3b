// Therapy Outcome Measures (Enderby & John): four ratings a clinician makes against the TOM scale
// for the person's condition. The descriptors are copyrighted, so only the numbers are stored and
// shown: 0 to 5 in half points, 5 = no problem. The four are a profile, never added up.
import type { InstrumentDefinition, NumericItem } from './instrument.ts';

const rating = (id: string, text: string): NumericItem => ({ kind: 'numeric', id, text, unit: '', min: 0, max: 5, step: 0.5 });

export const therapyOutcomeMeasures: InstrumentDefinition = {
  id: 'therapy-outcome-measures',
  version: 1,
  name: 'Therapy Outcome Measures',
  shortName: 'TOM',
  citation: 'Enderby P, John A. Therapy Outcome Measures for Rehabilitation Professionals. 3rd edn. Guildford: J&R Press; 2015.',
  licence: 'Descriptors are copyright Enderby & John: only the numeric ratings are recorded; rate against your own licensed copy.',
  guidance: 'Rate each domain 0 to 5 (half points allowed; 5 = no problem) against the TOM scale for the person’s condition.',
  administration: ['observed'],
  items: [rating('impairment', 'Impairment'), rating('activity', 'Activity'), rating('participation', 'Participation'), rating('wellbeing', 'Wellbeing')],
  scorings: [],
  subscales: [
    { id: 'impairment', label: 'Impairment', items: ['impairment'] },
    { id: 'activity', label: 'Activity', items: ['activity'] },
    { id: 'participation', label: 'Participation', items: ['participation'] },
    { id: 'wellbeing', label: 'Wellbeing', items: ['wellbeing'] },
  ],
  missingItems: { kind: 'none' },
  bandings: [],
  minimalChange: null,
  direction: 'higher-is-better',
  unit: 'points',
  decimals: 1,
};
