// The record side's pure mappings (issue 18 #2): each toFhir<Type> against hand-written rows, every
// resource checked by the two validators and the UK Core constraints (test/fhir-validate.ts).
import { describe, expect, it } from 'vitest';
import { instrumentDefinitions, scoreInstrument } from '@homeward/clinical';
import { fhirProblems } from '../../../test/fhir-validate.ts';
import { barthelAt16 } from '../../../test/barthel-responses.ts';
import type { AssessmentResponse, ConsentResponse, ContactNoteResponse } from '../../record/public.ts';
import type { LoanResponse } from '../../equipment/public.ts';
import type { EpisodeVisit } from '../../visits/public.ts';
import { homewardCodeSystems, scoreCode } from '../code-systems/homeward-code-systems.ts';
import { toFhirConsents } from './consent.ts';
import { toFhirDeviceRequest } from './device-request.ts';
import { toFhirEncounterFromNote, toFhirEncounterFromVisit } from './encounter.ts';
import { achievementOf } from './goal.ts';
import { scoresOf, toFhirObservations } from './observation.ts';
import { toFhirQuestionnaireResponse } from './questionnaire-response.ts';

const patientId = '01930000-0000-7000-8000-000000000001';
const episodeId = '01930000-0000-7000-8000-000000000002';
const staff = { id: '01930000-0000-7000-8000-000000000003', name: 'Asha Patel', role: 'assistant-practitioner' };

function assessment(instrumentId: string, responses: Record<string, number | null>): AssessmentResponse {
  const definition = instrumentDefinitions.find((d) => d.id === instrumentId)!;
  const scored = scoreInstrument(definition, responses);
  if (!scored.ok) throw new Error(`bad fixture for ${instrumentId}`);
  return {
    id: '01930000-0000-7000-8000-0000000000a1', episodeId, patientId, instrumentId, instrumentVersion: definition.version, instrumentName: definition.name,
    timePoint: 'baseline', method: 'observed', administeredAt: '2026-11-24T10:00:00.000Z', responses, total: scored.total, subscales: scored.subscales,
    band: scored.band ? { id: scored.band.id, label: scored.band.label } : null, unit: definition.unit, recordedAt: '2026-11-24T10:05:00.000Z', recordedBy: staff, changeFromBaseline: null,
  } as AssessmentResponse;
}

const everyAnswer = (instrumentId: string, value = 1) => Object.fromEntries(instrumentDefinitions.find((d) => d.id === instrumentId)!.items.map((i) => [i.id, i.kind === 'choice' ? (i.options.find((o) => o.value === value) ?? i.options[0]!).value : i.min + 1]));

describe('Observation and QuestionnaireResponse from an assessment', () => {
  it('gives the Barthel 0-20 total a local code and its 0-100 form LOINC 96761-2, never the other way round', () => {
    const observations = toFhirObservations(assessment('barthel-index', barthelAt16));
    expect(observations.map((o) => [o.id!.slice(36), (o.code as { coding: { system: string; code: string }[] }).coding.map((c) => c.code), (o.valueQuantity as { value: number }).value])).toEqual([
      ['', ['barthel-index'], 16],
      ['.total-100', ['96761-2', 'barthel-index.total-100'], 80],
    ]);
    for (const o of observations) expect(fhirProblems(o)).toEqual([]);
  });

  it('reports the subscales of an instrument that has them (NEADL), and a timed test in seconds', () => {
    const neadl = toFhirObservations(assessment('nottingham-extended-adl', everyAnswer('nottingham-extended-adl')));
    expect(neadl.map((o) => o.id!.slice(37))).toEqual(expect.arrayContaining(['mobility', 'kitchen', 'domestic', 'leisure']));
    for (const o of neadl) expect(fhirProblems(o)).toEqual([]);
    const tug = toFhirObservations(assessment('timed-up-and-go', everyAnswer('timed-up-and-go')));
    expect(tug[0]!.valueQuantity).toMatchObject({ unit: 's', code: 's' });
  });

  it('has a code in the published CodeSystem for every score of every instrument', () => {
    const codes = new Set((homewardCodeSystems().find((c) => c.id === 'assessment-scores')!.concept as { code: string }[]).map((c) => c.code));
    for (const definition of instrumentDefinitions) {
      for (const score of scoresOf(assessment(definition.id, everyAnswer(definition.id)))) expect(codes.has(scoreCode(definition.id, score.part)), `${definition.id} ${score.part}`).toBe(true);
    }
    for (const system of homewardCodeSystems()) expect(fhirProblems(system)).toEqual([]);
  });

  it('keeps every item answered, and an unanswered item without an answer', () => {
    const responses = { ...everyAnswer('fes-i'), [instrumentDefinitions.find((d) => d.id === 'fes-i')!.items[0]!.id]: null };
    const qr = toFhirQuestionnaireResponse(assessment('fes-i', responses));
    const items = qr.item as { linkId: string; answer?: unknown[] }[];
    expect(items).toHaveLength(16);
    expect(items[0]!.answer).toBeUndefined();
    expect(items[1]!.answer).toEqual([{ valueInteger: 1 }]);
    expect(fhirProblems(qr)).toEqual([]);
  });
});

describe('Encounter from contact notes and visits', () => {
  const note = (kind: string): ContactNoteResponse => {
    const version = { number: 1, kind, occurredAt: '2026-11-24T10:00:00.000Z', durationMinutes: 30, place: 'Home', staffPresent: null, body: 'x', therapyMinutes: {}, firstHolisticAssessment: false, writtenAt: '2026-11-24T11:00:00.000Z', writtenBy: staff, writtenByRole: staff.role, reason: null, needsReview: false, reviewedAt: null, reviewedBy: null };
    return { id: '01930000-0000-7000-8000-0000000000b1', episodeId, patientId, status: 'final', version: 2, lateEntry: false, consentMissingReason: null, finalisedAt: version.writtenAt, finalisedBy: staff, writtenByRole: staff.role, needsReview: false, reviewedAt: null, reviewedBy: null, versionsAwaitingReview: [], current: version, versions: [version] };
  };
  it.each([
    ['treatment', 'HH', 'finished'],
    ['telephone', 'VR', 'finished'],
    ['did-not-attend', 'HH', 'cancelled'],
    ['no-access', 'HH', 'cancelled'],
  ])('a %s note is class %s, %s, with its end from the duration', (kind, cls, status) => {
    const e = toFhirEncounterFromNote(note(kind));
    expect([(e.class as { code: string }).code, e.status, (e.period as { end: string }).end]).toEqual([cls, status, '2026-11-24T10:30:00.000Z']);
    expect(fhirProblems(e)).toEqual([]);
  });

  const visit = (o: Partial<EpisodeVisit>): EpisodeVisit => ({ id: '01930000-0000-7000-8000-0000000000c1', episodeId, patientId, teamId: episodeId, date: '2026-11-26', purpose: 'therapy', place: 'home', durationMinutes: 45, status: 'to-plan', outcomeReason: null, contactNoteId: null, startedAt: null, finishedAt: null, pinnedStaffId: null, ...o });
  it.each([
    [{}, 'planned', 'HH'],
    [{ status: 'done' as const, place: 'clinic' as const }, 'finished', 'AMB'],
    [{ status: 'cancelled' as const, outcomeReason: 'In hospital' }, 'cancelled', 'HH'],
    [{ status: 'no-access' as const, place: 'ward' as const }, 'cancelled', 'IMP'],
  ])('a visit %o is %s (%s)', (o, status, cls) => {
    const e = toFhirEncounterFromVisit(visit(o));
    expect([e.status, (e.class as { code: string }).code]).toEqual([status, cls]);
    expect(fhirProblems(e)).toEqual([]);
  });
});

describe('Goal, Consent and DeviceRequest statuses', () => {
  it.each([
    [null, -1, null],
    [0, -1, 'achieved'],
    [2, -2, 'achieved'],
    [-1, -2, 'improving'],
    [-2, -2, 'no-change'],
    [-2, -1, 'worsening'],
  ])('GAS: rated %s from baseline %s is %s', (latestLevel, baseline, code) => {
    expect(achievementOf({ latestLevel, baseline })?.code ?? null).toBe(code);
  });

  it('shows a consent withdrawn by a later entry as inactive, and the withdrawal not as a consent of its own', () => {
    const base = { episodeId, patientId, withdrawnBy: null, scope: 'treatment', intervention: null, agreedTo: 'Assessment and treatment at home', method: 'verbal', givenBy: 'patient', bestInterestsDecisionBy: null, bestInterestsConsulted: null, capacityInDoubt: false, assessment: null, capacityOutcome: null, communicationSupport: null, note: null, recordedAt: '2026-11-24T10:00:00.000Z', recordedBy: staff };
    const given = { ...base, id: '01930000-0000-7000-8000-0000000000d1', kind: 'consent', withdrawsId: null } as ConsentResponse;
    const kept = { ...base, id: '01930000-0000-7000-8000-0000000000d2', kind: 'consent', withdrawsId: null } as ConsentResponse;
    const withdrawal = { ...base, id: '01930000-0000-7000-8000-0000000000d3', kind: 'withdrawal', withdrawsId: given.id } as ConsentResponse;
    const consents = toFhirConsents([given, kept, withdrawal]);
    expect(consents.map((c) => [c.id, c.status])).toEqual([[given.id, 'inactive'], [kept.id, 'active']]);
    for (const c of consents) expect(fhirProblems(c)).toEqual([]);
    // A best-interests decision: the clinician who made it is the one who agreed, not the patient.
    const decided = toFhirConsents([{ ...kept, givenBy: null, bestInterestsDecisionBy: 'Asha Patel, with the daughter' } as ConsentResponse])[0]!;
    expect(decided.performer).toEqual([{ reference: `Practitioner/${staff.id}`, display: staff.name }]);
    expect(fhirProblems(decided)).toEqual([]);
  });

  it.each([
    ['prescribed', 'active'],
    ['delivered', 'active'],
    ['returned', 'completed'],
    ['stays-with-patient', 'completed'],
    ['cancelled', 'revoked'],
  ])('a loan %s is a DeviceRequest %s; a stock item is named by its catalogue entry', (status, fhirStatus) => {
    const loan = { id: '01930000-0000-7000-8000-0000000000e1', version: 1, patientId, episodeId, teamId: episodeId, catalogueItemId: episodeId, itemName: 'Perching stool', category: 'kitchen', make: 'Days', model: '123', stockKind: 'stock', instructions: '', itemId: null, serialNumber: null, storeId: null, quantity: 2, reason: 'Sits to prepare food', assessmentId: null, assessmentNote: null, riskAssessment: null, riskAssessedAt: null, status, prescribedAt: '2026-11-24T10:00:00.000Z', prescribedBy: staff.id, prescribedByName: staff.name, deliveredAt: null, deliveredBy: null, deliveredByName: null, deliveredWhere: null, fitted: null, endNote: null, training: [] } as unknown as LoanResponse;
    const r = toFhirDeviceRequest(loan);
    expect([r.status, (r.codeCodeableConcept as { text: string }).text]).toEqual([fhirStatus, 'Perching stool (Days 123)']);
    expect(fhirProblems(r)).toEqual([]);
  });
});
