// The loan forms' own rules, as tables: what each refuses and in which words (the database is not needed).
import { describe, expect, it } from 'vitest';
import { homewardRoles } from '@homeward/clinical';
import { checkDeliveryInput, instantOfDay } from './deliver-equipment.ts';
import { mayChangeLoan } from './loan-access.ts';
import { checkPrescriptionInput, type PrescriptionInput } from './prescribe-equipment.ts';
import { checkTrainingInput, type TrainingInput } from './training-record.ts';

const prescription: PrescriptionInput = { catalogueItemId: '0190a000-0000-7000-8000-000000000001', quantity: 1, reason: 'Cannot stand to wash', assessmentId: null, assessmentNote: 'Home assessment', riskAssessment: null };

describe('a prescription’s own problems', () => {
  it.each([
    ['nothing chosen', { catalogueItemId: '' }, 'catalogueItemId', 'Choose the equipment to prescribe'],
    ['no reason', { reason: '  ' }, 'reason', 'Enter why the patient needs it, for example: cannot stand at the sink long enough to wash'],
    ['none at all', { quantity: 0 }, 'quantity', 'How many must be a whole number from 1 to 20'],
    ['more than a loan holds', { quantity: 21 }, 'quantity', 'How many must be a whole number from 1 to 20'],
    ['half a stool', { quantity: 1.5 }, 'quantity', 'How many must be a whole number from 1 to 20'],
    ['no assessment of either kind', { assessmentNote: ' ' }, 'assessmentNote', 'Choose the assessment the prescription rests on, or describe the assessment you made (for example a home assessment)'],
  ] as const)('%s', (_what, change, path, message) => {
    expect(checkPrescriptionInput({ ...prescription, ...change })).toEqual([{ path, message }]);
  });

  it('a scored assessment is enough without words', () => {
    expect(checkPrescriptionInput({ ...prescription, assessmentNote: null, assessmentId: '0190a000-0000-7000-8000-000000000002' })).toEqual([]);
  });
});

describe('a delivery’s own problems', () => {
  const delivery = { version: 1, deliveredOn: '2026-11-24', deliveredBy: null, where: 'Home', fitted: true, storeId: null, itemId: null };
  const when = { today: '2026-11-24', prescribedOn: '2026-11-20' };
  it.each([
    ['tomorrow', { deliveredOn: '2026-11-25' }, 'deliveredOn', 'The day it was delivered cannot be in the future'],
    ['before it was prescribed', { deliveredOn: '2026-11-19' }, 'deliveredOn', 'The day it was delivered must be on or after the day it was prescribed'],
    ['not a day', { deliveredOn: '24/11/2026' }, 'deliveredOn', 'Enter the day it was delivered'],
    ['nowhere', { where: '' }, 'where', 'Enter where it was delivered, for example: the patient’s home, bathroom'],
  ] as const)('%s', (_what, change, path, message) => {
    expect(checkDeliveryInput({ ...delivery, ...change }, when)).toEqual([{ path, message }]);
  });
  it('the day it was prescribed and today are both fine', () => {
    expect(checkDeliveryInput({ ...delivery, deliveredOn: '2026-11-20' }, when)).toEqual([]);
    expect(checkDeliveryInput(delivery, when)).toEqual([]);
  });
});

describe('training’s own problems', () => {
  const training: TrainingInput = { personKind: 'carer', personName: 'Sarah Brown', whatTaught: 'Clamps tight before sitting', understood: 'yes', understandingNote: null, taughtOn: '2026-11-24' };
  const when = { today: '2026-11-24', deliveredOn: '2026-11-23' };
  it.each([
    ['nobody named', { personName: ' ' }, 'personName', 'Enter the name of the person taught'],
    ['nothing taught', { whatTaught: '' }, 'whatTaught', 'Enter what was taught, for example: transfers on and off the bath board, checking it is secure'],
    ['partly understood without a note', { understood: 'partly' }, 'understandingNote', 'Say what was not understood and what happens next, for example: teach again at the next visit'],
    ['not understood without a note', { understood: 'no' }, 'understandingNote', 'Say what was not understood and what happens next, for example: teach again at the next visit'],
    ['taught tomorrow', { taughtOn: '2026-11-25' }, 'taughtOn', 'The day they were taught cannot be in the future'],
    ['taught before it arrived', { taughtOn: '2026-11-22' }, 'taughtOn', 'The day they were taught must be on or after the day it was delivered'],
  ] as const)('%s', (_what, change, path, message) => {
    expect(checkTrainingInput({ ...training, ...change }, when)).toEqual([{ path, message }]);
  });
});

describe('the moment recorded for a day', () => {
  it('is now for today, and midday UK time for an earlier day (GMT in November, BST in June)', () => {
    const now = new Date('2026-11-24T09:15:00Z');
    expect(instantOfDay('2026-11-24', now)).toBe(now);
    expect(instantOfDay('2026-11-20', now).toISOString()).toBe('2026-11-20T12:00:00.000Z');
    expect(instantOfDay('2026-06-20', now).toISOString()).toBe('2026-06-20T11:00:00.000Z');
  });
});

describe('who changes a loan', () => {
  const table: Record<string, readonly string[]> = {
    prescribe: ['assistant-practitioner', 'registered-therapist', 'clinical-lead'],
    cancel: ['assistant-practitioner', 'registered-therapist', 'clinical-lead'],
    deliver: ['support-worker', 'assistant-practitioner', 'registered-therapist', 'clinical-lead'],
    train: ['support-worker', 'assistant-practitioner', 'registered-therapist', 'clinical-lead'],
    print: ['support-worker', 'assistant-practitioner', 'registered-therapist', 'clinical-lead'],
  };
  it.each(Object.entries(table))('%s', (change, roles) => {
    expect(homewardRoles.filter((r) => mayChangeLoan(r, change as 'prescribe'))).toEqual(homewardRoles.filter((r) => roles.includes(r)));
  });
});
