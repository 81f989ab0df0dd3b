import { describe, expect, it } from 'vitest';
import { decidePrescribing, equipmentCategoryLabels, equipmentPrescriberLabels, mayPrescribeEquipment, needsRegisteredPrescriber, needsRiskAssessmentFirst, type PrescribedItem, type PrescribingRule } from './equipment-prescribing.ts';

const perchingStool: PrescribedItem = { name: 'Perching stool', category: 'bathing', loler: false, prescriber: 'assistant', needsRiskAssessment: false, active: true };
const hoist: PrescribedItem = { name: 'Mobile hoist', category: 'transfers', loler: true, prescriber: 'registered', needsRiskAssessment: false, active: true };
const bedRails: PrescribedItem = { name: 'Bed rails', category: 'beds-and-rails', loler: false, prescriber: 'registered', needsRiskAssessment: true, active: true };

describe('who may prescribe equipment', () => {
  it('an assistant practitioner prescribes a standard item', () => {
    expect(decidePrescribing({ role: 'assistant-practitioner', active: true }, perchingStool, false)).toEqual({ allowed: true });
  });

  it('an assistant practitioner is refused a hoist, and told a registered therapist prescribes it', () => {
    const decision = decidePrescribing({ role: 'assistant-practitioner', active: true }, hoist, false);
    expect(decision).toEqual({
      allowed: false,
      rule: 'registered-therapist-needed',
      message: 'Mobile hoist must be prescribed by a registered therapist: ask a registered therapist to assess and prescribe it',
    });
  });

  it('a registered therapist and a clinical lead prescribe a hoist', () => {
    expect(decidePrescribing({ role: 'registered-therapist', active: true }, hoist, false)).toEqual({ allowed: true });
    expect(decidePrescribing({ role: 'clinical-lead', active: true }, hoist, false)).toEqual({ allowed: true });
  });

  it('bed rails need a recorded risk assessment, even from a registered therapist', () => {
    const decision = decidePrescribing({ role: 'registered-therapist', active: true }, bedRails, false);
    expect(decision).toMatchObject({ allowed: false, rule: 'risk-assessment-needed', message: 'Bed rails needs a risk assessment recorded before it is prescribed' });
    expect(decidePrescribing({ role: 'registered-therapist', active: true }, bedRails, true)).toEqual({ allowed: true });
  });

  it('the competence rule is reported before the missing risk assessment', () => {
    expect(decidePrescribing({ role: 'assistant-practitioner', active: true }, bedRails, false)).toMatchObject({ rule: 'registered-therapist-needed' });
  });

  it.each(['support-worker', 'student', 'service-manager', 'administrator', 'privacy-officer'] as const)('a %s prescribes nothing', (role) => {
    const decision = decidePrescribing({ role, active: true }, perchingStool, false);
    expect(decision).toMatchObject({ allowed: false, rule: 'role-does-not-prescribe' });
    expect(mayPrescribeEquipment(role)).toBe(false);
  });

  it('the support worker is told who does prescribe', () => {
    expect(decidePrescribing({ role: 'support-worker', active: true }, perchingStool, false)).toMatchObject({
      message: 'A therapy support worker cannot prescribe equipment: an assistant practitioner or a registered therapist prescribes it',
    });
  });

  it.each(['assistant-practitioner', 'registered-therapist', 'clinical-lead'] as const)('a %s may be offered the form', (role) => {
    expect(mayPrescribeEquipment(role)).toBe(true);
  });

  it('inactive staff prescribe nothing, before any other rule', () => {
    expect(decidePrescribing({ role: 'support-worker', active: false }, { ...hoist, active: false }, false)).toEqual({ allowed: false, rule: 'prescriber-inactive', message: 'Inactive staff cannot prescribe equipment' });
  });

  it('an item withdrawn from the catalogue is not prescribed', () => {
    expect(decidePrescribing({ role: 'clinical-lead', active: true }, { ...perchingStool, active: false }, false)).toEqual({
      allowed: false,
      rule: 'item-withdrawn',
      message: 'Perching stool has been withdrawn from the catalogue and cannot be prescribed',
    });
  });

  // Rows set up wrongly (or before the catalogue refused them) still meet the competence rule.
  it.each<[string, PrescribedItem, 'assistant-practitioner' | 'registered-therapist', boolean, true | PrescribingRule]>([
    ['a LOLER hoist marked for assistants', { ...hoist, prescriber: 'assistant' }, 'assistant-practitioner', false, 'registered-therapist-needed'],
    ['a profiling bed marked for assistants', { name: 'Profiling bed', category: 'beds-and-rails', loler: false, prescriber: 'assistant', needsRiskAssessment: false, active: true }, 'assistant-practitioner', true, 'registered-therapist-needed'],
    ['bed rails marked for assistants without a risk assessment', { ...bedRails, prescriber: 'assistant', needsRiskAssessment: false }, 'assistant-practitioner', true, 'registered-therapist-needed'],
    ['bed rails marked without a risk assessment, no assessment recorded', { ...bedRails, needsRiskAssessment: false }, 'registered-therapist', false, 'risk-assessment-needed'],
    ['bed rails marked without a risk assessment, assessment recorded', { ...bedRails, needsRiskAssessment: false }, 'registered-therapist', true, true],
    ['a LOLER hoist marked for assistants, by a registered therapist', { ...hoist, prescriber: 'assistant' }, 'registered-therapist', false, true],
    ['a perching stool, by an assistant practitioner', perchingStool, 'assistant-practitioner', false, true],
  ])('%s', (_what, item, role, riskAssessed, expected) => {
    const decision = decidePrescribing({ role, active: true }, item, riskAssessed);
    if (expected === true) expect(decision).toEqual({ allowed: true });
    else expect(decision).toMatchObject({ allowed: false, rule: expected });
  });
});

describe('the words the catalogue shows', () => {
  it('names every category and who may prescribe, as the team says them', () => {
    expect(equipmentCategoryLabels).toEqual({
      bathing: 'Bathing', toileting: 'Toileting', transfers: 'Transfers', 'beds-and-rails': 'Beds and rails', mobility: 'Mobility', seating: 'Seating', kitchen: 'Kitchen', 'minor-adaptations': 'Minor adaptations',
    });
    expect(equipmentPrescriberLabels).toEqual({ assistant: 'Assistant practitioner or registered therapist', registered: 'Registered therapist only' });
  });

  it('beds and rails need a registered therapist and a risk assessment whatever the catalogue row says', () => {
    const row = { category: 'beds-and-rails', loler: false, prescriber: 'assistant', needsRiskAssessment: false } as const;
    expect(needsRegisteredPrescriber(row)).toBe(true);
    expect(needsRiskAssessmentFirst(row)).toBe(true);
    expect(needsRegisteredPrescriber({ ...row, category: 'bathing' })).toBe(false);
    expect(needsRiskAssessmentFirst({ ...row, category: 'bathing' })).toBe(false);
  });
});
