import { describe, expect, it } from 'vitest';
import { homewardRoles } from '../staff-roles.ts';
import {
  competenceLabel,
  completionOutcomeLabels,
  completionReporterLabels,
  delegableCompetenceLabels,
  delegableCompetences,
  describeFrequency,
  describeWhoHelps,
  holdsRecordedCompetences,
  mayDeliverActivities,
  mayRecordCompetences,
  maySetProgramme,
  programmeActivityKindLabels,
  programmeActivityKinds,
  programmeDelivererKindLabels,
  programmeStatusLabels,
} from './programme-of-care.ts';

describe('describeFrequency', () => {
  it.each([
    [1, 'day', 'every day'],
    [2, 'day', 'twice a day'],
    [3, 'day', '3 times a day'],
    [1, 'week', 'once a week'],
    [2, 'week', 'twice a week'],
    [5, 'week', '5 times a week'],
    [7, 'week', 'every day'],
    [7, 'day', '7 times a day'],
    [14, 'week', '14 times a week'],
  ] as const)('%i a %s is "%s"', (timesPerPeriod, period, text) => {
    expect(describeFrequency({ timesPerPeriod, period })).toBe(text);
  });
});

describe('describeWhoHelps', () => {
  it('speaks to the patient, naming who helps', () => {
    expect(describeWhoHelps({ delivererKind: 'self', name: null })).toBe('You do this on your own.');
    expect(describeWhoHelps({ delivererKind: 'carer', name: 'Sarah (your daughter)' })).toBe('Sarah (your daughter) helps you.');
    expect(describeWhoHelps({ delivererKind: 'carer', name: ' ' })).toBe('Your carer helps you.');
    expect(describeWhoHelps({ delivererKind: 'agency', name: 'Caring Hands' })).toBe('Your carers from Caring Hands help you.');
    expect(describeWhoHelps({ delivererKind: 'staff', name: 'Alex' })).toBe('Alex, from the therapy team, helps you.');
  });

  it('still says who helps when no name was given', () => {
    expect(describeWhoHelps({ delivererKind: 'carer', name: null })).toBe('Your carer helps you.');
    expect(describeWhoHelps({ delivererKind: 'agency', name: null })).toBe('Your carers help you.');
    expect(describeWhoHelps({ delivererKind: 'staff', name: '  ' })).toBe('Someone from the therapy team helps you.');
  });
});

describe('the vocabulary', () => {
  it('labels every activity kind and every delegable competence', () => {
    for (const k of programmeActivityKinds) expect(programmeActivityKindLabels[k]).toMatch(/^[A-Z]/);
    for (const c of delegableCompetences) expect(delegableCompetenceLabels[c]).toMatch(/^[A-Z]/);
    expect(delegableCompetences).toEqual(expect.arrayContaining(['kitchen-practice', 'transfer-practice', 'sit-to-stand-exercise', 'mobility-practice', 'stairs-practice', 'personal-care-practice', 'equipment-demonstration', 'carer-training']));
  });

  // The words the programme pages and the completion form show: an emptied label is a blank on the page.
  it('names who delivers, each status, each outcome and who reported it, in the team’s words', () => {
    expect(programmeDelivererKindLabels).toEqual({ self: 'The patient, on their own', staff: 'A member of the therapy team', carer: 'A family member or unpaid carer', agency: 'A care agency' });
    expect(programmeStatusLabels).toEqual({ active: 'Active', stopped: 'Stopped', completed: 'Completed', 'handed-over': 'Handed over' });
    expect(completionOutcomeLabels).toEqual({ done: 'Done', 'partly-done': 'Partly done', 'not-done': 'Not done' });
    expect(completionReporterLabels).toEqual({ staff: 'I did it (staff)', patient: 'The patient told me', carer: 'A carer told me', agency: 'The care agency told me' });
  });

  it('keeps an id it no longer knows as it was stored', () => {
    expect(competenceLabel('kitchen-practice')).toBe('Kitchen practice (meal and hot drink preparation)');
    expect(competenceLabel('retired-competence')).toBe('retired-competence');
  });
});

describe('who may do what', () => {
  const allowed = (rule: (role: (typeof homewardRoles)[number]) => boolean) => homewardRoles.filter(rule);
  it('assistant practitioners, registered therapists and clinical leads set programmes', () => {
    expect(allowed(maySetProgramme)).toEqual(['assistant-practitioner', 'registered-therapist', 'clinical-lead']);
  });
  it('only registered therapists and clinical leads record competences', () => {
    expect(allowed(mayRecordCompetences)).toEqual(['registered-therapist', 'clinical-lead']);
  });
  it('competences are recorded for support workers and assistant practitioners', () => {
    expect(allowed(holdsRecordedCompetences)).toEqual(['support-worker', 'assistant-practitioner']);
  });
  it('the clinical grades who see patients deliver activities', () => {
    expect(allowed(mayDeliverActivities)).toEqual(['support-worker', 'assistant-practitioner', 'registered-therapist', 'clinical-lead']);
  });
});
