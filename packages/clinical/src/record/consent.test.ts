import { describe, expect, it } from 'vitest';
import { capacityOutcomeOf, checkConsent, mayAssessCapacity, type CapacityAssessment, type ConsentInput } from './consent.ts';

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
    expect(mayAssessCapacity('assistant-practitioner')).toBe(true);
    expect(mayAssessCapacity('clinical-lead')).toBe(true);
    expect(mayAssessCapacity('support-worker')).toBe(false);
    expect(mayAssessCapacity('service-manager')).toBe(false);
  });
});
