import { describe, it, expect } from 'vitest';
import { communicationNeedKinds, communicationNeedLabels, riskFlagKinds, riskFlagLabels, sexes, sexLabels } from './patient.ts';

// The stored values are in the database (and FHIR UK Core for sex); the labels are what the patient
// form and the visit summary show. Values must not change; a label changed by mistake is a wrong word
// beside a patient's record.
describe('the patient index vocabulary', () => {
  it('records administrative sex as the NHS Data Dictionary does', () => {
    expect(sexes).toEqual(['female', 'male', 'other', 'unknown']);
    expect(sexLabels).toEqual({ female: 'Female', male: 'Male', other: 'Other', unknown: 'Not known' });
  });

  it('names the Accessible Information Standard needs', () => {
    expect(communicationNeedKinds).toEqual(['interpreter', 'bsl', 'large-print', 'easy-read', 'hearing', 'sight', 'cognition', 'aphasia']);
    expect(communicationNeedLabels).toEqual({
      interpreter: 'Needs an interpreter',
      bsl: 'British Sign Language',
      'large-print': 'Large print',
      'easy-read': 'Easy read',
      hearing: 'Hearing loss',
      sight: 'Sight loss',
      cognition: 'Cognitive impairment',
      aphasia: 'Aphasia',
    });
  });

  it('names the risks a visitor must see first', () => {
    expect(riskFlagKinds).toEqual(['visit-in-pairs', 'animals', 'aggression', 'environment']);
    expect(riskFlagLabels).toEqual({ 'visit-in-pairs': 'Visit in pairs', animals: 'Animals', aggression: 'Aggression', environment: 'Environmental risk' });
  });
});
