import { describe, expect, it } from 'vitest';
import { expectOwnLabels } from '../labels-for-tests.ts';
import { homewardRoles } from '../staff-roles.ts';
import {
  capacityFunctionLabels,
  capacityFunctions,
  capacityOutcomeLabels,
  capacityOutcomeOf,
  capacityOutcomes,
  checkConsent,
  consentGiverLabels,
  consentGivers,
  consentMethodLabels,
  consentMethods,
  consentScopeLabels,
  consentScopes,
  mayAssessCapacity,
  type CapacityAssessment,
  type ConsentInput,
} from './consent.ts';

const none = { understand: false, retain: false, useOrWeigh: false, communicate: false };
const assessment = (o: Partial<CapacityAssessment> = {}): CapacityAssessment => ({ impairment: false, impairmentDescription: null, unable: { ...none }, notes: {}, ...o });
const consent = (o: Partial<ConsentInput> = {}): ConsentInput => ({
  scope: 'episode',
  intervention: null,
  agreedTo: 'Assessment and treatment at home',
  method: 'verbal',
  givenBy: 'patient',
  bestInterestsDecisionBy: null,
  bestInterestsConsulted: null,
  capacityInDoubt: false,
  assessment: null,
  communicationSupport: null,
  ...o,
});

describe('capacityOutcomeOf: both stages must be met', () => {
  it.each([
    [false, { ...none }, 'has-capacity'],
    [false, { ...none, retain: true }, 'has-capacity'],
    [true, { ...none }, 'has-capacity'],
    [true, { ...none, useOrWeigh: true }, 'lacks-capacity'],
    [true, { understand: true, retain: true, useOrWeigh: true, communicate: true }, 'lacks-capacity'],
  ] as const)('impairment %s, unable %o -> %s', (impairment, unable, outcome) => {
    expect(capacityOutcomeOf(assessment({ impairment, impairmentDescription: 'Dementia', unable, notes: { understand: 'x', retain: 'x', useOrWeigh: 'x', communicate: 'x' } }))).toBe(outcome);
  });
});

describe('checkConsent', () => {
  it('accepts the patient’s own verbal consent with capacity presumed', () => {
    expect(checkConsent(consent())).toEqual({ ok: true, outcome: null });
  });

  it('needs what was agreed, and the intervention when consent is for one', () => {
    const r = checkConsent(consent({ scope: 'intervention', agreedTo: '' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fields.map((f) => f.path)).toEqual(['intervention', 'agreedTo']);
  });

  it('needs the assessment when capacity was in doubt, and evidence for each inability', () => {
    expect(checkConsent(consent({ capacityInDoubt: true }))).toMatchObject({ ok: false, fields: [{ path: 'assessment' }] });
    const r = checkConsent(consent({ capacityInDoubt: true, givenBy: 'best-interests', bestInterestsDecisionBy: 'Dr Khan', assessment: assessment({ impairment: true, unable: { ...none, retain: true } }) }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fields.map((f) => f.path)).toEqual(['assessment.impairmentDescription', 'assessment.notes.retain']);
  });

  it('refuses the patient’s consent when the assessment found they lack capacity', () => {
    const a = assessment({ impairment: true, impairmentDescription: 'Delirium', unable: { ...none, retain: true }, notes: { retain: 'Forgot within a minute' } });
    expect(checkConsent(consent({ capacityInDoubt: true, assessment: a }))).toMatchObject({ ok: false, fields: [{ path: 'givenBy' }] });
    expect(checkConsent(consent({ capacityInDoubt: true, assessment: a, givenBy: 'best-interests', bestInterestsDecisionBy: 'Alex Lead, with daughter' }))).toEqual({ ok: true, outcome: 'lacks-capacity' });
  });

  it('refuses a best-interests decision without an assessment showing lack of capacity, or without who made it', () => {
    const r = checkConsent(consent({ givenBy: 'best-interests' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fields.map((f) => f.path)).toEqual(['givenBy', 'bestInterestsDecisionBy']);
  });

  it('keeps capacity presumed: an assessment without doubt is refused, doubt with no inability means capacity', () => {
    expect(checkConsent(consent({ assessment: assessment() }))).toMatchObject({ ok: false, fields: [{ path: 'assessment' }] });
    expect(checkConsent(consent({ capacityInDoubt: true, assessment: assessment({ impairment: true, impairmentDescription: 'Mild dementia' }) }))).toEqual({ ok: true, outcome: 'has-capacity' });
  });

  it('lets the clinicians who hold decisions assess capacity, not support workers', () => {
    expect(homewardRoles.filter(mayAssessCapacity)).toEqual(['assistant-practitioner', 'registered-therapist', 'clinical-lead']);
  });

  // The record shows these words, and the clinician acts on them: each problem says what to do.
  const withCapacity = (o: Partial<CapacityAssessment>) => assessment({ impairment: true, impairmentDescription: 'Delirium', ...o });
  it.each<[string, Partial<ConsentInput>, Array<[string, string]>]>([
    ['no intervention named', { scope: 'intervention' }, [['intervention', 'Enter the intervention the consent is for']]],
    ['nothing agreed', { agreedTo: '' }, [['agreedTo', 'Enter what was agreed']]],
    ['doubt without an assessment', { capacityInDoubt: true }, [['assessment', 'Capacity was in doubt: record the two-stage capacity assessment']]],
    ['an assessment without doubt', { assessment: assessment() }, [['assessment', 'Capacity is presumed: record an assessment only when capacity is in doubt']]],
    [
      'an impairment not described',
      { capacityInDoubt: true, assessment: withCapacity({ impairmentDescription: null }) },
      [['assessment.impairmentDescription', 'Describe the impairment of the mind or brain']],
    ],
    [
      'each inability without its evidence',
      { capacityInDoubt: true, givenBy: 'best-interests', bestInterestsDecisionBy: 'Alex Lead', assessment: withCapacity({ unable: { understand: true, retain: true, useOrWeigh: true, communicate: true } }) },
      [
        ['assessment.notes.understand', 'Say why: unable to understand the information relevant to the decision'],
        ['assessment.notes.retain', 'Say why: unable to retain that information'],
        ['assessment.notes.useOrWeigh', 'Say why: unable to use or weigh that information'],
        ['assessment.notes.communicate', 'Say why: unable to communicate the decision (by any means)'],
      ],
    ],
    [
      'the patient’s consent after they were found to lack capacity',
      { capacityInDoubt: true, assessment: withCapacity({ unable: { ...none, retain: true }, notes: { retain: 'Forgot within a minute' } }) },
      [['givenBy', 'The assessment found the patient lacks capacity for this decision: record a best-interests decision, not the patient’s consent']],
    ],
    [
      'a best-interests decision with capacity presumed, and nobody named',
      { givenBy: 'best-interests' },
      [
        ['givenBy', 'A best-interests decision needs a capacity assessment showing the patient lacks capacity for this decision'],
        ['bestInterestsDecisionBy', 'Enter who made the best-interests decision'],
      ],
    ],
  ])('tells the clinician what to do: %s', (_story, o, expected) => {
    expect(checkConsent(consent(o))).toEqual({ ok: false, fields: expected.map(([path, message]) => ({ path, message })) });
  });
});

describe('the words the consent form and the record show', () => {
  it.each([
    ['scopes', consentScopes, consentScopeLabels],
    ['methods', consentMethods, consentMethodLabels],
    ['who gave it', consentGivers, consentGiverLabels],
    ['capacity outcomes', capacityOutcomes, capacityOutcomeLabels],
  ] as const)('every one of the %s has its own label', (_what, values, labels) => {
    expectOwnLabels(values, labels, /^[A-Z].{5,}/);
  });

  it('names each inability as the Mental Capacity Act does', () => {
    expect(capacityFunctions.map((f) => capacityFunctionLabels[f])).toEqual([
      'Unable to understand the information relevant to the decision',
      'Unable to retain that information',
      'Unable to use or weigh that information',
      'Unable to communicate the decision (by any means)',
    ]);
  });
});
