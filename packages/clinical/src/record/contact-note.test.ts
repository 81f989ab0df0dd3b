import { describe, expect, it } from 'vitest';
import { homewardRoles, type HomewardRole } from '../staff-roles.ts';
import { authorsReviewableBy, checkContactNote, checkFinalisation, isLateEntry, mayReviewNote, mayReviewNotes, mayWriteContactNotes, needsSupervisorReview, type ContactNoteInput } from './contact-note.ts';

const now = new Date('2026-11-24T12:00:00Z');
const note = (o: Partial<ContactNoteInput> = {}): ContactNoteInput => ({
  kind: 'treatment',
  occurredAt: new Date('2026-11-24T10:00:00Z'),
  durationMinutes: 45,
  place: 'Home',
  staffPresent: null,
  body: 'Kitchen practice',
  therapyMinutes: {},
  firstHolisticAssessment: false,
  ...o,
});
const paths = (input: ContactNoteInput, service = 'stroke-early-supported-discharge') => checkContactNote(input, { now, service }).map((f) => f.path);

describe('checkContactNote', () => {
  it('accepts a treatment note with SSNAP minutes on a stroke episode', () => {
    expect(paths(note({ therapyMinutes: { physiotherapy: 20, 'occupational-therapy': 25 } }))).toEqual([]);
  });

  it('refuses an event in the future, or before the referral or the patient’s birth (clinical-date-bounds.ts)', () => {
    expect(paths(note({ occurredAt: new Date('2026-11-24T12:05:00Z') }))).toEqual(['occurredAt']);
    const mrsB = { now, service: 'd2a-pathway-1', bornOn: '1941-05-17', referralReceivedAt: new Date('2026-11-21T10:15:00Z') };
    expect(checkContactNote(note({ occurredAt: new Date('1900-01-01T10:00:00Z') }), mrsB)).toEqual([
      { path: 'occurredAt', message: 'The date of the contact must be on or after 21 November 2026 (when the referral was received)' },
    ]);
    expect(checkContactNote(note({ occurredAt: new Date('2026-11-21T09:00:00Z') }), mrsB)).toEqual([]);
  });

  it.each([[0], [-5], [721], [12.5]])('refuses a duration of %s minutes', (durationMinutes) => {
    expect(paths(note({ durationMinutes }))).toEqual(['durationMinutes']);
  });

  it('needs a duration except when the patient was not seen', () => {
    expect(paths(note({ durationMinutes: null }))).toEqual(['durationMinutes']);
    expect(paths(note({ kind: 'did-not-attend', durationMinutes: null }))).toEqual([]);
  });

  it('refuses minutes out of range, more than the contact, unknown types, or on a non-stroke episode', () => {
    expect(paths(note({ therapyMinutes: { physiotherapy: -1 } }))).toEqual(['therapyMinutes.physiotherapy']);
    expect(paths(note({ therapyMinutes: { physiotherapy: 30, psychology: 30 } }))).toEqual(['therapyMinutes']);
    expect(paths(note({ therapyMinutes: { nursing: 10 } as never }))).toEqual(['therapyMinutes.nursing']);
    expect(paths(note({ therapyMinutes: { physiotherapy: 10 } }), 'd2a-pathway-1')).toEqual(['therapyMinutes']);
    expect(paths(note({ kind: 'no-access', durationMinutes: null, therapyMinutes: { other: 10 } }))).toEqual(['therapyMinutes']);
  });

  it('counts all of a first holistic assessment as Other', () => {
    expect(paths(note({ kind: 'assessment', firstHolisticAssessment: true, therapyMinutes: { other: 45 } }))).toEqual([]);
    expect(paths(note({ kind: 'assessment', firstHolisticAssessment: true, therapyMinutes: { physiotherapy: 45 } }))).toEqual(['therapyMinutes']);
    expect(paths(note({ kind: 'treatment', firstHolisticAssessment: true }))).toEqual(['firstHolisticAssessment']);
  });
});

describe('isLateEntry: more than 24 hours after the event', () => {
  const event = new Date('2026-11-23T09:00:00Z');
  it.each([
    ['2026-11-24T09:00:00Z', false],
    ['2026-11-24T09:01:00Z', true],
  ])('written %s -> %s', (written, late) => expect(isLateEntry(event, new Date(written))).toBe(late));
});

describe('checkFinalisation', () => {
  it('needs consent, or a reason, to finalise a treatment contact', () => {
    expect(checkFinalisation({ kind: 'treatment', hasConsent: false, consentMissingReason: null }).map((f) => f.path)).toEqual(['consentMissingReason']);
    expect(checkFinalisation({ kind: 'carer-training', hasConsent: false, consentMissingReason: '  ' })).toHaveLength(1);
    expect(checkFinalisation({ kind: 'treatment', hasConsent: false, consentMissingReason: 'Urgent falls advice; consent to be recorded at next visit' })).toEqual([]);
    expect(checkFinalisation({ kind: 'treatment', hasConsent: true, consentMissingReason: null })).toEqual([]);
    expect(checkFinalisation({ kind: 'telephone', hasConsent: false, consentMissingReason: null })).toEqual([]);
  });
});

describe('who writes and reviews notes', () => {
  it('support workers write notes that an assistant practitioner, registered therapist or clinical lead reviews', () => {
    expect(mayWriteContactNotes('support-worker')).toBe(true);
    expect(mayWriteContactNotes('service-manager')).toBe(false);
    expect(needsSupervisorReview('support-worker')).toBe(true);
    expect(needsSupervisorReview('assistant-practitioner')).toBe(false);
    expect(mayReviewNotes('registered-therapist')).toBe(true);
    expect(mayReviewNotes('assistant-practitioner')).toBe(true);
    expect(mayReviewNotes('support-worker')).toBe(false);
    expect(mayReviewNotes('service-manager')).toBe(false);
  });

  it('a student on placement writes notes, and every one waits for review', () => {
    expect(mayWriteContactNotes('student')).toBe(true);
    expect(needsSupervisorReview('student')).toBe(true);
    expect(mayReviewNotes('student')).toBe(false);
  });

  // Written from the service's grades, not from the implementation: who may mark whose note reviewed.
  const supervisors: Partial<Record<HomewardRole, HomewardRole[]>> = {
    'support-worker': ['assistant-practitioner', 'registered-therapist', 'clinical-lead'],
    // The practice educator is registered: an assistant practitioner does not sign off a student's practice.
    student: ['registered-therapist', 'clinical-lead'],
  };
  const pairs = homewardRoles.flatMap((reviewer) => homewardRoles.map((author) => ({ reviewer, author })));
  it.each(pairs)('$reviewer reviewing a note by $author', ({ reviewer, author }) => {
    const expected = supervisors[author]?.includes(reviewer) ?? false;
    expect(mayReviewNote({ reviewer, author })).toBe(expected);
    // A note that needs no review is never reviewed; one that does always has someone who may.
    if (expected) expect(needsSupervisorReview(author)).toBe(true);
    expect(authorsReviewableBy(reviewer).includes(author)).toBe(expected);
  });

  it('the review queue shows an assistant practitioner only support workers’ notes, and registered staff both', () => {
    expect(authorsReviewableBy('assistant-practitioner')).toEqual(['support-worker']);
    expect(authorsReviewableBy('registered-therapist').sort()).toEqual(['student', 'support-worker']);
    expect(authorsReviewableBy('clinical-lead').sort()).toEqual(['student', 'support-worker']);
    expect(authorsReviewableBy('student')).toEqual([]);
    // Reviewing anyone's notes is what puts the queue on someone's home page.
    for (const role of homewardRoles) expect(mayReviewNotes(role)).toBe(authorsReviewableBy(role).length > 0);
  });
});
