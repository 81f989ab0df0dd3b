import { describe, expect, it } from 'vitest';
import { parsePatientForm, formValuesFromPatient } from './patient-form.ts';

const today = new Date('2026-11-24T12:00:00Z');
const valid = {
  nhsNumber: '943 476 5919',
  givenName: 'Betty',
  familyName: 'Bloor',
  'dateOfBirth-day': '17',
  'dateOfBirth-month': '5',
  'dateOfBirth-year': '1941',
  sex: 'female',
  addressLine1: '12 Waterloo Road',
  town: 'Burslem',
  postcode: 'st63hr',
  livesAlone: 'yes',
  keySafe: 'no',
  riskFlags: ['aggression', 'animals'],
  communicationNeeds: 'large-print',
  nokName: 'Sarah Bloor',
  nokRelationship: 'Daughter',
  nokPhone: '07700 900123',
  nokIsCarer: 'yes',
};

describe('the register and edit patient form', () => {
  it('turns form fields into normalised details', () => {
    const r = parsePatientForm(valid, today);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.details.nhsNumber).toBe('9434765919');
    expect(r.details.postcode).toBe('ST6 3HR');
    expect(r.details.dateOfBirth).toBe('1941-05-17');
    expect(r.details.riskFlags).toEqual(['animals', 'aggression']);
    expect(r.details.communicationNeeds.needs).toEqual(['large-print']);
    expect(r.details.contacts).toEqual([{ name: 'Sarah Bloor', relationship: 'Daughter', phone: '07700900123', isNextOfKin: true, isCarer: true }]);
  });

  it('reports every problem in one go, with the paths the error summary links to', () => {
    const r = parsePatientForm({ ...valid, nhsNumber: '123', givenName: '', postcode: 'nope', 'dateOfBirth-year': '2030', livesAlone: '' }, today);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.fields.map((f) => [f.path, f.message]));
    expect(Object.keys(byPath).sort()).toEqual(['dateOfBirth', 'givenName', 'livesAlone', 'nhsNumber', 'postcode']);
    expect(byPath.dateOfBirth).toBe('The date of birth cannot be in the future');
  });

  it('needs a language when an interpreter is needed', () => {
    const r = parsePatientForm({ ...valid, communicationNeeds: ['interpreter'] }, today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fields.map((f) => f.path)).toContain('communicationNeeds.interpreterLanguage');
  });

  it('round-trips: the form filled from saved details parses back to the same details', () => {
    const first = parsePatientForm(valid, today);
    if (!first.ok) throw new Error('expected valid');
    const again = parsePatientForm(formValuesFromPatient(first.details), today);
    expect(again).toEqual(first);
  });
});
