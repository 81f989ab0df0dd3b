import { describe, expect, it } from 'vitest';
import {
  checkCloseSafeguardingConcern,
  checkSafeguardingConcern,
  checkSafeguardingDecision,
  safeguardingConcernReadBasis,
  safeguardingDecisionClock,
  safeguardingDecisionDueAt,
  type ConcernInput,
} from './safeguarding-rules.ts';

const good: ConcernInput = {
  kind: 'adult', categories: ['financial-or-material'], personAtRisk: 'patient', otherPerson: '', concern: 'Her son takes her pension card.',
  immediateDanger: false, immediateActions: 'Spoke to her alone; she wants help.', consentToShare: 'given', shareWithoutConsentReason: '',
};
const paths = (input: Partial<ConcernInput>) => checkSafeguardingConcern({ ...good, ...input }).map((p) => p.path);

describe('the 24-hour decision clock', () => {
  it('is due 24 hours after raising, across the clock change (a clock, not a wall-clock day)', () => {
    expect(safeguardingDecisionDueAt(new Date('2026-10-24T10:00:00Z')).toISOString()).toBe('2026-10-25T10:00:00.000Z');
  });
  it.each([
    ['2026-12-05T05:00:00Z', false, 'due in 5 hours'],
    ['2026-12-05T09:00:00Z', false, 'due in 1 hour'],
    ['2026-12-05T09:59:00Z', false, 'due in 1 minute'],
    ['2026-12-05T09:30:30Z', false, 'due in 29 minutes'],
    ['2026-12-05T10:00:00Z', true, 'due now'],
    ['2026-12-05T10:00:59Z', true, 'due now'],
    ['2026-12-05T10:45:00Z', true, 'overdue by 45 minutes'],
    ['2026-12-05T12:00:00Z', true, 'overdue by 2 hours'],
    ['2026-12-05T12:59:00Z', true, 'overdue by 2 hours'],
  ])('at %s: overdue %s, "%s"', (now, overdue, words) => {
    expect(safeguardingDecisionClock({ dueAt: new Date('2026-12-05T10:00:00Z'), now: new Date(now) })).toMatchObject({ overdue, words });
  });
});

describe('raising a concern', () => {
  it('a complete concern has no problems', () => expect(checkSafeguardingConcern(good)).toEqual([]));
  it('names every missing field', () => {
    expect(checkSafeguardingConcern({ kind: '', categories: [], personAtRisk: '', otherPerson: '', concern: ' ', immediateDanger: null, immediateActions: '', consentToShare: '', shareWithoutConsentReason: '' }).map((p) => p.path))
      .toEqual(['kind', 'categories', 'personAtRisk', 'concern', 'immediateDanger', 'immediateActions', 'consentToShare']);
  });
  it.each([
    ['adult', ['self-neglect', 'modern-slavery'], []],
    ['child', ['emotional', 'neglect'], []],
    ['child', ['self-neglect'], ['categories']],
    ['adult', ['emotional'], ['categories']],
    ['adult', ['physical', 'physical'], ['categories']],
  ] as const)('a %s concern with %j: problems %j', (kind, categories, expected) => {
    expect(paths({ kind, categories })).toEqual(expected);
  });
  it('someone else at risk needs their name and relationship', () => {
    expect(paths({ personAtRisk: 'other', otherPerson: '' })).toEqual(['otherPerson']);
    expect(paths({ personAtRisk: 'other', otherPerson: 'Kai, grandson, 6' })).toEqual([]);
  });
  it.each([['given', '', []], ['refused', '', ['shareWithoutConsentReason']], ['lacks-capacity', '', ['shareWithoutConsentReason']], ['not-asked', ' ', ['shareWithoutConsentReason']], ['refused', 'Risk to a child in the home', []]] as const)(
    'consent %s with reason %j: problems %j', (consentToShare, shareWithoutConsentReason, expected) => {
      expect(paths({ consentToShare, shareWithoutConsentReason })).toEqual(expected);
    });
  it('asks what was done to make them safe when someone is in immediate danger', () => {
    expect(checkSafeguardingConcern({ ...good, immediateDanger: true, immediateActions: '' })).toEqual([{ path: 'immediateActions', message: 'Enter what you did to make them safe (for example, called 999)' }]);
  });
  it('refuses text past its limit', () => expect(paths({ concern: 'x'.repeat(10_001) })).toEqual(['concern']));
});

describe('the decision', () => {
  const decide = (o: Partial<Parameters<typeof checkSafeguardingDecision>[0]>) =>
    checkSafeguardingDecision({ decision: 'refer-to-local-authority', reason: '', localAuthorityReference: 'SCC-123', localAuthorityReferredOn: '2026-12-05', today: '2026-12-05', ...o }).map((p) => p.path);
  it('a referral needs its date and the local authority’s reference', () => {
    expect(decide({})).toEqual([]);
    expect(decide({ localAuthorityReference: '', localAuthorityReferredOn: null })).toEqual(['localAuthorityReferredOn', 'localAuthorityReference']);
    expect(decide({ localAuthorityReferredOn: '2026-12-06' })).toEqual(['localAuthorityReferredOn']);
  });
  it.each(['no-further-action', 'monitor', 'advice-given'])('%s needs a reason', (decision) => {
    expect(decide({ decision, reason: '' })).toEqual(['reason']);
    expect(decide({ decision, reason: 'Care package in place; her daughter now manages money' })).toEqual([]);
  });
  it('an unknown decision is refused', () => expect(decide({ decision: 'shrug' })).toEqual(['decision']));
});

describe('closing', () => {
  it('needs a decision first', () => {
    expect(checkCloseSafeguardingConcern({ decision: null, status: 'open' })).toEqual([{ path: 'form', message: 'Record the decision before closing the concern' }]);
    expect(checkCloseSafeguardingConcern({ decision: 'monitor', status: 'decided' })).toEqual([]);
    expect(checkCloseSafeguardingConcern({ decision: 'monitor', status: 'closed' })).toHaveLength(1);
  });
});

describe('who may open a concern', () => {
  const base = { staffId: 'me', isSafeguardingLead: false, raisedBy: 'raiser', namedStaffIds: ['named'] };
  it.each([
    [{ isSafeguardingLead: true }, 'safeguarding-lead'],
    [{ staffId: 'raiser' }, 'raised-it'],
    [{ staffId: 'named' }, 'named'],
    [{}, null],
  ] as const)('%j: %s', (o, basis) => expect(safeguardingConcernReadBasis({ ...base, ...o })).toBe(basis));
});

// The words the raiser and the lead read (paths alone let any message through: mutation run).
describe('what the raiser and the lead are told', () => {
  it('the clock counts minutes left, below nought once overdue, and "due now" for the first minute late', () => {
    const dueAt = new Date('2026-12-05T10:00:00Z');
    expect(safeguardingDecisionClock({ dueAt, now: new Date('2026-12-05T09:00:00Z') }).minutesLeft).toBe(60);
    expect(safeguardingDecisionClock({ dueAt, now: new Date('2026-12-05T12:00:00Z') }).minutesLeft).toBe(-120);
    expect(safeguardingDecisionClock({ dueAt, now: new Date('2026-12-05T10:00:30Z') })).toMatchObject({ overdue: true, words: 'due now' });
    expect(safeguardingDecisionClock({ dueAt, now: new Date('2026-12-05T10:01:00Z') }).words).toBe('overdue by 1 minute');
  });
  it('names the categories that do not fit the kind, and says each once', () => {
    expect(checkSafeguardingConcern({ ...good, kind: 'child', categories: ['self-neglect', 'neglect'] })).toEqual([{ path: 'categories', message: 'Select categories for a child: self-neglect is not one of them' }]);
    expect(checkSafeguardingConcern({ ...good, kind: 'adult', categories: ['emotional'] })).toEqual([{ path: 'categories', message: 'Select categories for an adult: emotional is not one of them' }]);
    expect(checkSafeguardingConcern({ ...good, categories: ['physical', 'physical'] })).toEqual([{ path: 'categories', message: 'Select each category once' }]);
  });
  it('says what is missing on each field', () => {
    expect(checkSafeguardingConcern({ kind: '', categories: [], personAtRisk: '', otherPerson: '', concern: ' ', immediateDanger: null, immediateActions: '', consentToShare: '', shareWithoutConsentReason: '' })).toEqual([
      { path: 'kind', message: 'Select whether the concern is about an adult or a child' },
      { path: 'categories', message: 'Select at least one category of abuse or neglect' },
      { path: 'personAtRisk', message: 'Select who is at risk' },
      { path: 'concern', message: 'Enter what you saw or were told' },
      { path: 'immediateDanger', message: 'Select whether anyone is in immediate danger' },
      { path: 'immediateActions', message: 'Enter what you have done so far' },
      { path: 'consentToShare', message: 'Select whether the person agreed to the concern being shared' },
    ]);
    expect(checkSafeguardingConcern({ ...good, personAtRisk: 'other', otherPerson: ' ' })).toEqual([{ path: 'otherPerson', message: 'Enter the name of the person at risk and their relationship to the patient' }]);
    expect(checkSafeguardingConcern({ ...good, consentToShare: 'refused', shareWithoutConsentReason: '' })).toEqual([{ path: 'shareWithoutConsentReason', message: 'Enter why the concern is shared without their consent' }]);
  });
  it('takes text of exactly its limit and names the limit past it', () => {
    expect(checkSafeguardingConcern({ ...good, concern: 'x'.repeat(10_000) })).toEqual([]);
    expect(checkSafeguardingConcern({ ...good, concern: 'x'.repeat(10_001) })).toEqual([{ path: 'concern', message: 'The concern must be 10000 characters or fewer' }]);
  });
  it.each([
    ['no-further-action', 'Enter why no further action is needed'],
    ['monitor', 'Enter how it will be monitored'],
    ['advice-given', 'Enter the advice given'],
  ])('a decision of %s without a reason: "%s"', (decision, message) => {
    expect(checkSafeguardingDecision({ decision, reason: ' ', localAuthorityReference: '', localAuthorityReferredOn: null, today: '2026-12-05' })).toEqual([{ path: 'reason', message }]);
  });
  it('a referral says which of its facts is missing', () => {
    expect(checkSafeguardingDecision({ decision: 'refer-to-local-authority', reason: '', localAuthorityReference: '', localAuthorityReferredOn: null, today: '2026-12-05' })).toEqual([
      { path: 'localAuthorityReferredOn', message: 'Enter the date the referral was made to the local authority' },
      { path: 'localAuthorityReference', message: 'Enter the local authority’s reference for the referral' },
    ]);
    expect(checkSafeguardingDecision({ decision: 'refer-to-local-authority', reason: '', localAuthorityReference: 'SCC-1', localAuthorityReferredOn: '2026-12-06', today: '2026-12-05' })).toEqual([{ path: 'localAuthorityReferredOn', message: 'The date of the referral cannot be in the future' }]);
  });
});
