import { describe, expect, it } from 'vitest';
import { addCalendarYears, clinicalDateKinds, clinicalDateProblem, clinicalDateRules, type ClinicalDateFacts, type ClinicalDateKind } from './clinical-date-bounds.ts';

const at = (iso: string) => new Date(iso);

// Mrs B: born 17 May 1941, referred at 10:15 on Saturday 21 November 2026, first seen on the 23rd; now
// is 09:00 on Tuesday 24 November 2026 (GMT, so UK time and UTC agree).
const mrsB: ClinicalDateFacts = {
  now: at('2026-11-24T09:00:00Z'),
  bornOn: '1941-05-17',
  referralReceivedAt: at('2026-11-21T10:15:40Z'),
  firstContactAt: at('2026-11-23T14:00:00Z'),
  goalSetOn: '2026-11-23',
  activityStartsOn: '2026-11-23',
};

const referral = '(when the referral was received)';
const firstContact = '(the first contact in this episode)';

type Row = [story: string, kind: ClinicalDateKind, value: string, expected: string | null, facts?: Partial<ClinicalDateFacts>];

describe('clinicalDateProblem: every kind at its boundaries', () => {
  it.each<Row>([
    // Date of birth: not in the future, not more than 130 years ago.
    ['born today', 'date-of-birth', '2026-11-24', null],
    ['born tomorrow', 'date-of-birth', '2026-11-25', 'The date of birth cannot be in the future'],
    ['born exactly 130 years ago', 'date-of-birth', '1896-11-24', null],
    ['born 130 years and a day ago', 'date-of-birth', '1896-11-23', 'The date of birth must be on or after 24 November 1896 (130 years ago)'],
    ['born 1 January 1900', 'date-of-birth', '1900-01-01', null],

    // Referral received: not before birth, not in the future (a minute's clock skew allowed).
    ['referral received now', 'referral-received', '2026-11-24T09:00:00Z', null],
    ['referral received 59 seconds ahead of the clock', 'referral-received', '2026-11-24T09:00:59Z', null],
    ['referral received a minute ahead of the clock, the tolerance exactly', 'referral-received', '2026-11-24T09:01:00Z', null],
    ['referral received later today', 'referral-received', '2026-11-24T09:01:01Z', 'The time the referral was received cannot be in the future'],
    ['referral received tomorrow', 'referral-received', '2026-11-25T00:00:00Z', 'The date the referral was received cannot be in the future'],
    ['referral received on the day of birth', 'referral-received', '1941-05-17T08:00:00Z', null],
    ['referral received the day before birth', 'referral-received', '1941-05-16T12:00:00Z', 'The date the referral was received must be on or after 17 May 1941 (when the patient was born)'],

    // Contact notes: on or after the day the referral came in, never in the future.
    ['contact dated 1 January 1900', 'contact', '1900-01-01T10:00:00Z', `The date of the contact must be on or after 21 November 2026 ${referral}`],
    ['contact the day before the referral', 'contact', '2026-11-20T23:59:00Z', `The date of the contact must be on or after 21 November 2026 ${referral}`],
    ['contact earlier on the day of the referral (the referral conversation)', 'contact', '2026-11-21T00:00:00Z', null],
    ['contact now', 'contact', '2026-11-24T09:00:00Z', null],
    ['contact later today', 'contact', '2026-11-24T11:00:00Z', 'The time of the contact cannot be in the future'],
    ['contact tomorrow', 'contact', '2026-11-25T09:00:00Z', 'The date of the contact cannot be in the future'],
    ['contact before birth, where the referral was recorded before the birth too', 'contact', '1935-01-01T10:00:00Z', 'The date of the contact must be on or after 17 May 1941 (when the patient was born)', { referralReceivedAt: '1930-01-01T10:00:00Z' }],
    ['contact with no referral known yet still not before birth', 'contact', '1941-05-16T10:00:00Z', 'The date of the contact must be on or after 17 May 1941 (when the patient was born)', { referralReceivedAt: null }],

    // Assessments and consent follow the same rule as contact notes.
    ['assessment the day before the referral', 'assessment', '2026-11-20T10:00:00Z', `The date of the assessment must be on or after 21 November 2026 ${referral}`],
    ['assessment on the day of the referral', 'assessment', '2026-11-21T08:00:00Z', null],
    ['assessment tomorrow', 'assessment', '2026-11-25T08:00:00Z', 'The date of the assessment cannot be in the future'],
    ['consent the day before the referral', 'consent', '2026-11-20T10:00:00Z', `The date of consent must be on or after 21 November 2026 ${referral}`],
    ['consent now', 'consent', '2026-11-24T09:00:00Z', null],

    // First contact: after the referral to the minute, since the response clock runs between them.
    ['first contact in the referral’s minute', 'first-contact', '2026-11-21T10:15:00Z', null],
    ['first contact a minute before the referral', 'first-contact', '2026-11-21T10:14:00Z', `The time of first contact must be 10:15 or later ${referral}`],
    ['first contact the day before the referral', 'first-contact', '2026-11-20T18:00:00Z', `The date of first contact must be on or after 21 November 2026 ${referral}`],
    ['first contact later today', 'first-contact', '2026-11-24T10:00:00Z', 'The time of first contact cannot be in the future'],

    // Next planned contact: up to a year ahead.
    ['next contact a year from today', 'next-contact', '2027-11-24T09:00:00Z', null],
    ['next contact a year and a day from today', 'next-contact', '2027-11-25T09:00:00Z', 'The date of the next planned contact must be on or before 24 November 2027 (1 year from today)'],

    // Goals: the target is today or later, within 2 years; a rating from the day the goal was set to today.
    ['target today', 'goal-target', '2026-11-24', null],
    ['target yesterday', 'goal-target', '2026-11-23', 'The target date cannot be in the past'],
    ['target 2 years ahead', 'goal-target', '2028-11-24', null],
    ['target 2 years and a day ahead', 'goal-target', '2028-11-25', 'The target date must be on or before 24 November 2028 (2 years from today)'],
    ['rating on the day the goal was set', 'goal-rating', '2026-11-23', null],
    ['rating the day before the goal was set', 'goal-rating', '2026-11-22', 'The date of the rating must be on or after 23 November 2026 (when the goal was set)'],
    ['rating tomorrow', 'goal-rating', '2026-11-25', 'The date of the rating cannot be in the future'],
    ['rating before the referral, the goal’s day unknown', 'goal-rating', '2026-11-20', `The date of the rating must be on or after 21 November 2026 ${referral}`, { goalSetOn: null }],

    // Reviews: held from the first contact to today; the next within a year; a new planned end within 2 years.
    ['review on the day of first contact', 'review-held', '2026-11-23', null],
    ['review the day before first contact', 'review-held', '2026-11-22', `The date of the review must be on or after 23 November 2026 ${firstContact}`],
    ['review today', 'review-held', '2026-11-24', null],
    ['review tomorrow', 'review-held', '2026-11-25', 'The date of the review cannot be in the future'],
    ['next review yesterday', 'next-review', '2026-11-23', 'The date of the next review cannot be in the past'],
    ['next review a year ahead', 'next-review', '2027-11-24', null],
    ['next review a year and a day ahead', 'next-review', '2027-11-25', 'The date of the next review must be on or before 24 November 2027 (1 year from today)'],
    ['planned end 2 years ahead', 'planned-end', '2028-11-24', null],
    ['planned end 2 years and a day ahead', 'planned-end', '2028-11-25', 'The new planned end must be on or before 24 November 2028 (2 years from today)'],
    ['planned end yesterday', 'planned-end', '2026-11-23', 'The new planned end cannot be in the past'],

    // Programme activities: start from the referral to a year ahead, end from the start to 2 years ahead.
    ['activity starting on the day of the referral', 'activity-start', '2026-11-21', null],
    ['activity starting the day before the referral', 'activity-start', '2026-11-20', `The start date must be on or after 21 November 2026 ${referral}`],
    ['activity starting in a year', 'activity-start', '2027-11-24', null],
    ['activity starting in a year and a day', 'activity-start', '2027-11-25', 'The start date must be on or before 24 November 2027 (1 year from today)'],
    ['activity ending on its start date', 'activity-end', '2026-11-23', null],
    ['activity ending the day before its start', 'activity-end', '2026-11-22', 'The end date must be on or after 23 November 2026 (the start date of the activity)'],
    ['activity ending 2 years and a day ahead', 'activity-end', '2028-11-25', 'The end date must be on or before 24 November 2028 (2 years from today)'],
    ['done on the start date', 'activity-done', '2026-11-23', null],
    ['done the day before the start date', 'activity-done', '2026-11-22', 'The day it was done must be on or after 23 November 2026 (the start date of the activity)'],
    ['done tomorrow', 'activity-done', '2026-11-25', 'The day it was done cannot be in the future'],
    ['done before the referral, the start date unknown', 'activity-done', '2026-11-20', `The day it was done must be on or after 21 November 2026 ${referral}`, { activityStartsOn: null }],

    // Discharge: from the first contact (or, if there was none, the referral) to today.
    ['discharged today', 'discharge', '2026-11-24', null],
    ['discharged tomorrow', 'discharge', '2026-11-25', 'The date of discharge cannot be in the future'],
    ['discharged the day before first contact', 'discharge', '2026-11-22', `The date of discharge must be on or after 23 November 2026 ${firstContact}`],
    // Two bounds on one day: the later-listed, more specific one is named.
    ['discharged the day before a first contact on the referral’s day', 'discharge', '2026-11-20', `The date of discharge must be on or after 21 November 2026 ${firstContact}`, { firstContactAt: '2026-11-21T14:00:00Z' }],
    ['a contact before a referral on the day of birth names the referral', 'contact', '2026-11-20T10:00:00Z', `The date of the contact must be on or after 21 November 2026 ${referral}`, { bornOn: '2026-11-21' }],
    ['discharged unseen on the day of the referral', 'discharge', '2026-11-21', null, { firstContactAt: null }],
    ['discharged unseen the day before the referral', 'discharge', '2026-11-20', `The date of discharge must be on or after 21 November 2026 ${referral}`, { firstContactAt: null }],
  ])('%s', (_story, kind, value, expected, facts = {}) => {
    expect(clinicalDateProblem(kind, value.includes('T') ? at(value) : value, { ...mrsB, ...facts })).toBe(expected);
  });
});

describe('clinicalDateProblem: UK calendar days across the clock changes', () => {
  it.each<Row>([
    // Spring forward, 29 March 2026 at 01:00 GMT. A referral at 00:30 GMT on the 29th.
    ['23:59 GMT on the 28th is the day before a referral at 00:30 on the 29th', 'contact', '2026-03-28T23:59:00Z', `The date of the contact must be on or after 29 March 2026 ${referral}`, { referralReceivedAt: '2026-03-29T00:30:00Z', now: at('2026-03-30T12:00:00Z') }],
    ['midnight GMT on the 29th is the referral’s day', 'contact', '2026-03-29T00:00:00Z', null, { referralReceivedAt: '2026-03-29T00:30:00Z', now: at('2026-03-30T12:00:00Z') }],
    // Fall back, 25 October 2026 at 02:00 BST. A referral at 00:30 BST on the 25th (23:30 UTC on the 24th).
    ['23:59 BST on the 24th is the day before a referral at 00:30 BST on the 25th', 'contact', '2026-10-24T22:59:00Z', `The date of the contact must be on or after 25 October 2026 ${referral}`, { referralReceivedAt: '2026-10-24T23:30:00Z', now: at('2026-10-26T12:00:00Z') }],
    ['midnight BST on the 25th (23:00 UTC on the 24th) is the referral’s day', 'contact', '2026-10-24T23:00:00Z', null, { referralReceivedAt: '2026-10-24T23:30:00Z', now: at('2026-10-26T12:00:00Z') }],
    ['a first contact at 00:20 BST, ten minutes before a referral at 00:30 BST', 'first-contact', '2026-10-24T23:20:00Z', `The time of first contact must be 00:30 or later ${referral}`, { referralReceivedAt: '2026-10-24T23:30:00Z', now: at('2026-10-26T12:00:00Z') }],
    // Just after midnight BST, "today" is already the UK's next day though UTC is still on the last.
    ['at 00:30 BST on 2 July, a discharge on 2 July is today', 'discharge', '2026-07-02', null, { now: at('2026-07-01T23:30:00Z'), referralReceivedAt: '2026-06-01T10:00:00Z', firstContactAt: '2026-06-02T10:00:00Z' }],
    ['at 00:30 BST on 2 July, a discharge on 3 July is in the future', 'discharge', '2026-07-03', 'The date of discharge cannot be in the future', { now: at('2026-07-01T23:30:00Z'), referralReceivedAt: '2026-06-01T10:00:00Z', firstContactAt: '2026-06-02T10:00:00Z' }],
    ['at 23:30 BST on 1 July, a contact at 00:05 BST on 2 July is tomorrow', 'contact', '2026-07-01T23:05:00Z', 'The date of the contact cannot be in the future', { now: at('2026-07-01T22:30:00Z'), referralReceivedAt: '2026-06-01T10:00:00Z' }],
    ['a review held on the UK day of a first contact at 00:30 BST', 'review-held', '2026-06-03', null, { now: at('2026-07-01T12:00:00Z'), referralReceivedAt: '2026-06-01T10:00:00Z', firstContactAt: '2026-06-02T23:30:00Z' }],
    ['a review held the UTC day of that first contact is the UK day before', 'review-held', '2026-06-02', `The date of the review must be on or after 3 June 2026 ${firstContact}`, { now: at('2026-07-01T12:00:00Z'), referralReceivedAt: '2026-06-01T10:00:00Z', firstContactAt: '2026-06-02T23:30:00Z' }],
  ])('%s', (_story, kind, value, expected, facts = {}) => {
    expect(clinicalDateProblem(kind, value.includes('T') ? at(value) : value, { ...mrsB, ...facts })).toBe(expected);
  });
});

describe('clinicalDateProblem: an instant given as an ISO string (as JSON carries it) is judged as an instant', () => {
  it.each<Row>([
    ['contact later today', 'contact', '2026-11-24T11:00:00Z', 'The time of the contact cannot be in the future'],
    ['assessment later today', 'assessment', '2026-11-24T11:00:00Z', 'The time of the assessment cannot be in the future'],
    ['consent later today', 'consent', '2026-11-24T11:00:00Z', 'The time of consent cannot be in the future'],
    ['first contact a minute before the referral', 'first-contact', '2026-11-21T10:14:00Z', `The time of first contact must be 10:15 or later ${referral}`],
    ['first contact in the referral’s minute', 'first-contact', '2026-11-21T10:15:00Z', null],
  ])('%s', (_story, kind, value, expected, facts = {}) => {
    expect(clinicalDateProblem(kind, value, { ...mrsB, ...facts })).toBe(expected);
  });
});

describe('the rules themselves', () => {
  it('every kind with a time of day names the time in its time message', () => {
    for (const kind of clinicalDateKinds) {
      const { timeLabel } = clinicalDateRules[kind];
      if (timeLabel !== undefined) expect(timeLabel, kind).toMatch(/^The time .+/);
    }
  });

  // A server whose clock is set to another zone (TZ=America/New_York is 5 hours behind UTC in winter)
  // must still add calendar years to the calendar date: 24 November, not the 23rd.
  it.each([
    ['2026-11-24', 1, '2027-11-24'],
    ['2024-02-29', 1, '2025-02-28'],
  ] as const)('adds calendar years whatever the server’s time zone: %s + %i is %s', (day, years, expected) => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(addCalendarYears(day, years)).toBe(expected);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('every kind has a rule with one message style', () => {
    for (const kind of clinicalDateKinds) {
      const rule = clinicalDateRules[kind];
      expect(rule.label, kind).toMatch(/^The /);
      expect(rule.earliest.length, kind).toBeGreaterThan(0);
    }
  });

  it('everything that happened (not a plan) is never before the patient was born', () => {
    for (const kind of clinicalDateKinds) {
      const rule = clinicalDateRules[kind];
      if (rule.latest !== 'now' || kind === 'date-of-birth') continue;
      const value = rule.timeLabel ? at('1941-05-16T12:00:00Z') : '1941-05-16';
      expect(clinicalDateProblem(kind, value, { now: mrsB.now, bornOn: mrsB.bornOn, activityStartsOn: null, goalSetOn: null }), kind).toMatch(/^The .* must be on or after 17 May 1941 \(when the patient was born\)$/);
    }
  });

  it.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2026-11-24', -130, '1896-11-24'],
    ['2028-02-29', -130, '1898-02-28'],
    ['2026-03-29', 2, '2028-03-29'],
  ] as const)('adds whole calendar years: %s + %i is %s', (day, years, expected) => {
    expect(addCalendarYears(day, years)).toBe(expected);
  });

  it('a target set on 29 February may run to 28 February two years on, not a day more', () => {
    const leap = { now: at('2028-02-29T12:00:00Z') };
    expect(clinicalDateProblem('goal-target', '2030-02-28', leap)).toBeNull();
    expect(clinicalDateProblem('goal-target', '2030-03-01', leap)).toBe('The target date must be on or before 28 February 2030 (2 years from today)');
  });
});
