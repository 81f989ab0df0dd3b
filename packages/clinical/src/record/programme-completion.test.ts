import { describe, expect, it } from 'vitest';
import { checkProgrammeCompletion, mayLogCompletion, summariseCompletions, type MayLogCompletionOptions, type SummariseCompletionsOptions } from './programme-completion.ts';

describe('checkProgrammeCompletion', () => {
  const dates = { now: new Date('2026-11-24T12:00:00Z'), bornOn: '1941-05-17', referralReceivedAt: new Date('2026-11-19T10:00:00Z') };
  const base = { doneOn: '2026-11-24', outcome: 'done' as const, note: null, startsOn: '2026-11-20', dates };
  it('accepts today or a past day after the start', () => {
    expect(checkProgrammeCompletion(base)).toEqual([]);
    expect(checkProgrammeCompletion({ ...base, doneOn: '2026-11-20' })).toEqual([]);
  });
  it('refuses the future, before the start, and not done without a reason', () => {
    expect(checkProgrammeCompletion({ ...base, doneOn: '2026-11-25' })[0]!.message).toBe('The day it was done cannot be in the future');
    expect(checkProgrammeCompletion({ ...base, doneOn: '2026-11-19' })[0]!.message).toBe('The day it was done must be on or after 20 November 2026 (the start date of the activity)');
    expect(checkProgrammeCompletion({ ...base, outcome: 'not-done' })).toEqual([{ path: 'note', message: 'Say why the activity was not done' }]);
    expect(checkProgrammeCompletion({ ...base, doneOn: 'yesterday' }).map((f) => f.path)).toEqual(['doneOn']);
  });
});

describe('mayLogCompletion', () => {
  const sw = 'sw-1';
  const o = (x: Partial<MayLogCompletionOptions>): MayLogCompletionOptions => ({ role: 'support-worker', staffId: sw, reportedBy: 'staff', delivererKind: 'staff', delivererStaffId: sw, ...x });
  it('a support worker logs her own delegated visits', () => {
    expect(mayLogCompletion(o({}))).toEqual({ allowed: true });
  });
  it('a support worker cannot log doing an activity not delegated to her', () => {
    expect(mayLogCompletion(o({ delivererStaffId: 'someone-else' }))).toMatchObject({ allowed: false, rule: 'not-delegated-to-you' });
    expect(mayLogCompletion(o({ delivererKind: 'carer', delivererStaffId: null }))).toMatchObject({ allowed: false, rule: 'not-delegated-to-you' });
  });
  it('a support worker may log the patient’s or a carer’s report of any activity, not an agency’s', () => {
    expect(mayLogCompletion(o({ reportedBy: 'carer', delivererKind: 'carer', delivererStaffId: null }))).toEqual({ allowed: true });
    expect(mayLogCompletion(o({ reportedBy: 'patient', delivererKind: 'self', delivererStaffId: null }))).toEqual({ allowed: true });
    expect(mayLogCompletion(o({ reportedBy: 'agency', delivererKind: 'agency', delivererStaffId: null }))).toMatchObject({ allowed: false, rule: 'support-worker-reports-only' });
  });
  it('a student on placement logs the patient’s or a carer’s report, like a support worker, never work of her own', () => {
    const student = (x: Partial<MayLogCompletionOptions>) => o({ role: 'student', staffId: 'st-1', ...x });
    expect(mayLogCompletion(student({ reportedBy: 'patient', delivererKind: 'self', delivererStaffId: null }))).toEqual({ allowed: true });
    expect(mayLogCompletion(student({ reportedBy: 'carer', delivererKind: 'carer', delivererStaffId: null }))).toEqual({ allowed: true });
    expect(mayLogCompletion(student({ delivererStaffId: sw }))).toMatchObject({ allowed: false, rule: 'not-delegated-to-you' });
    expect(mayLogCompletion(student({ reportedBy: 'agency', delivererKind: 'agency', delivererStaffId: null }))).toMatchObject({ allowed: false, message: expect.stringContaining('practice educator') });
  });
  it('assistant practitioners and therapists log anything; service managers log nothing', () => {
    expect(mayLogCompletion(o({ role: 'assistant-practitioner', delivererStaffId: 'someone-else' }))).toEqual({ allowed: true });
    expect(mayLogCompletion(o({ role: 'registered-therapist', reportedBy: 'agency' }))).toEqual({ allowed: true });
    expect(mayLogCompletion(o({ role: 'service-manager' }))).toMatchObject({ allowed: false, rule: 'role-does-not-log' });
  });
});

describe('summariseCompletions', () => {
  const o = (x: Partial<SummariseCompletionsOptions>): SummariseCompletionsOptions => ({ timesPerPeriod: 2, period: 'week', startsOn: '2026-11-01', endsOn: null, status: 'active', completions: [], today: '2026-11-24', ...x });
  it('counts the last 7 days against what the programme expects', () => {
    const s = summariseCompletions(o({ completions: [{ doneOn: '2026-11-17', outcome: 'done' }, { doneOn: '2026-11-18', outcome: 'done' }, { doneOn: '2026-11-21', outcome: 'partly-done' }, { doneOn: '2026-11-24', outcome: 'not-done' }] }));
    expect(s).toEqual({ windowStartsOn: '2026-11-18', done: 1, partlyDone: 1, notDone: 1, expected: 2, lastDoneOn: '2026-11-21' });
  });
  it('expects "every day" once for each day it has run in the window', () => {
    expect(summariseCompletions(o({ timesPerPeriod: 1, period: 'day' })).expected).toBe(7);
    expect(summariseCompletions(o({ timesPerPeriod: 1, period: 'day', startsOn: '2026-11-22' })).expected).toBe(3);
    expect(summariseCompletions(o({ timesPerPeriod: 3, period: 'day', startsOn: '2026-11-24' })).expected).toBe(3);
    expect(summariseCompletions(o({ timesPerPeriod: 1, period: 'day', endsOn: '2026-11-19' })).expected).toBe(2);
  });
  it('expects at least once for a weekly activity that has just started, nothing before it starts', () => {
    expect(summariseCompletions(o({ startsOn: '2026-11-24' })).expected).toBe(1);
    expect(summariseCompletions(o({ startsOn: '2026-11-26' })).expected).toBe(0);
  });
  it('expects nothing once stopped or completed', () => {
    expect(summariseCompletions(o({ status: 'stopped' })).expected).toBeNull();
    expect(summariseCompletions(o({ status: 'completed' })).expected).toBeNull();
  });
});

// Each refusal in the words the clinician reads, and each limit at its edge (mutation testing, issue 10:
// the messages, the note's limit and the window's edges were not held).
describe('completion logs: the exact words and the edges', () => {
  const dates = { now: new Date('2026-11-24T12:00:00Z'), bornOn: '1941-05-17', referralReceivedAt: new Date('2026-11-19T10:00:00Z') };
  const base = { doneOn: '2026-11-24', outcome: 'done' as const, note: null, startsOn: '2026-11-20', dates };
  it('says which field is wrong and why', () => {
    expect(checkProgrammeCompletion({ ...base, doneOn: '' })).toEqual([{ path: 'doneOn', message: 'Enter the day the activity was done' }]);
    expect(checkProgrammeCompletion({ ...base, doneOn: '2026-11-25' })).toEqual([{ path: 'doneOn', message: 'The day it was done cannot be in the future' }]);
    expect(checkProgrammeCompletion({ ...base, outcome: 'not-done', note: '   ' })).toEqual([{ path: 'note', message: 'Say why the activity was not done' }]);
  });
  it('takes a note of 2000 characters and refuses 2001', () => {
    expect(checkProgrammeCompletion({ ...base, note: 'a'.repeat(2000) })).toEqual([]);
    expect(checkProgrammeCompletion({ ...base, note: 'a'.repeat(2001) })).toEqual([{ path: 'note', message: 'The note must be 2000 characters or fewer' }]);
  });
  const sw = 'sw-1';
  const o = (x: Partial<MayLogCompletionOptions>): MayLogCompletionOptions => ({ role: 'support-worker', staffId: sw, reportedBy: 'staff', delivererKind: 'staff', delivererStaffId: sw, ...x });
  it('refuses in words that say what to do instead', () => {
    expect(mayLogCompletion(o({ role: 'administrator' }))).toEqual({ allowed: false, rule: 'role-does-not-log', message: 'Only clinical staff who see patients can log that an activity was done' });
    expect(mayLogCompletion(o({ delivererStaffId: 'sw-2' }))).toEqual({
      allowed: false,
      rule: 'not-delegated-to-you',
      message: 'This activity is not delegated to you, so you cannot log doing it yourself. You can log it on the patient’s or a carer’s report',
    });
    expect(mayLogCompletion(o({ reportedBy: 'agency', delivererKind: 'agency', delivererStaffId: null }))).toEqual({
      allowed: false,
      rule: 'support-worker-reports-only',
      message: 'As a support worker you can log your own delegated visits, or what the patient or a carer tells you. Ask the assistant practitioner or therapist to log the agency’s report',
    });
    expect(mayLogCompletion(o({ role: 'student', staffId: 'st-1', reportedBy: 'agency', delivererKind: 'agency', delivererStaffId: null }))).toEqual({
      allowed: false,
      rule: 'support-worker-reports-only',
      message: 'As a student on placement you can log what the patient or a carer tells you. Ask your practice educator to log the agency’s report',
    });
  });
  it('a support worker holding the competence her visit was delegated within logs it', () => {
    expect(mayLogCompletion(o({ competence: 'transfers', competencesHeld: ['transfers'] }))).toEqual({ allowed: true });
    expect(mayLogCompletion(o({ competence: 'transfers', competencesHeld: [] }))).toMatchObject({ allowed: false, rule: 'competence-not-current' });
  });
  const s = (x: Partial<SummariseCompletionsOptions>): SummariseCompletionsOptions => ({ timesPerPeriod: 1, period: 'day', startsOn: '2026-11-01', endsOn: null, status: 'active', completions: [], today: '2026-11-24', ...x });
  it('counts only the 7 days up to today, and the last day it happened, not the last log', () => {
    const summary = summariseCompletions(s({
      completions: [
        { doneOn: '2026-11-17', outcome: 'done' },
        { doneOn: '2026-11-25', outcome: 'done' },
        { doneOn: '2026-11-20', outcome: 'done' },
        { doneOn: '2026-11-23', outcome: 'not-done' },
      ],
    }));
    expect(summary.done).toBe(1);
    expect(summary.notDone).toBe(1);
    expect(summariseCompletions(s({ completions: [{ doneOn: '2026-11-20', outcome: 'done' }, { doneOn: '2026-11-23', outcome: 'not-done' }] })).lastDoneOn).toBe('2026-11-20');
  });
  it('the last day it happened is the latest day, whatever order the logs came in', () => {
    expect(summariseCompletions(s({ completions: [{ doneOn: '2026-11-22', outcome: 'done' }, { doneOn: '2026-11-20', outcome: 'partly-done' }] })).lastDoneOn).toBe('2026-11-22');
  });
  it('an end date still ahead does not add days that have not come yet', () => {
    expect(summariseCompletions(s({ startsOn: '2026-11-21', endsOn: '2026-12-31' })).expected).toBe(4);
  });
});
