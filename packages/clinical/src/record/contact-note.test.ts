import { describe, expect, it } from 'vitest';
import { expectOwnLabels } from '../labels-for-tests.ts';
import { homewardRoles, type HomewardRole } from '../staff-roles.ts';
import {
  authorsReviewableBy,
  checkContactNote,
  checkFinalisation,
  contactNoteKindLabels,
  contactNoteKinds,
  isLateEntry,
  mayReviewNote,
  mayReviewNotes,
  mayWriteContactNotes,
  needsSupervisorReview,
  ssnapTherapyTypeLabels,
  ssnapTherapyTypes,
  type ContactNoteInput,
} from './contact-note.ts';

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

describe('checkContactNote: what the clinician is told, at each boundary', () => {
  const stroke = { now, service: 'stroke-early-supported-discharge' };
  it.each<[string, Partial<ContactNoteInput>, string, Array<[string, string]>]>([
    ['a contact of 1 minute', { durationMinutes: 1 }, stroke.service, []],
    ['a contact of 720 minutes, a whole working day', { durationMinutes: 720 }, stroke.service, []],
    ['no duration', { durationMinutes: null }, stroke.service, [['durationMinutes', 'Enter how long the contact took, in minutes']]],
    ['a duration of 721 minutes', { durationMinutes: 721 }, stroke.service, [['durationMinutes', 'Duration must be a whole number of minutes from 1 to 720']]],
    ['a note of only spaces', { body: '   ' }, stroke.service, [['body', 'Enter the note']]],
    ['0 minutes of a therapy type', { therapyMinutes: { physiotherapy: 0 } }, stroke.service, []],
    ['720 minutes of one therapy type in a 720-minute contact', { durationMinutes: 720, therapyMinutes: { physiotherapy: 720 } }, stroke.service, []],
    [
      '721 minutes of one therapy type',
      { durationMinutes: 720, therapyMinutes: { 'speech-and-language-therapy': 721 } },
      stroke.service,
      [
        ['therapyMinutes.speech-and-language-therapy', 'Speech and language therapy minutes must be a whole number from 0 to 720'],
        ['therapyMinutes', 'Therapy minutes (721) cannot be more than the length of the contact (720 minutes)'],
      ],
    ],
    ['an unknown therapy type', { therapyMinutes: { nursing: 10 } as never }, stroke.service, [['therapyMinutes.nursing', 'nursing is not a SSNAP therapy type']]],
    ['zero minutes typed on a non-stroke episode', { therapyMinutes: { physiotherapy: 0 } }, 'd2a-pathway-1', []],
    [
      'minutes on a non-stroke episode',
      { therapyMinutes: { physiotherapy: 10 } },
      'd2a-pathway-1',
      [['therapyMinutes', 'Therapy minutes by SSNAP therapy type are recorded for stroke episodes only']],
    ],
    [
      'minutes when the patient was not seen',
      { kind: 'no-access', durationMinutes: null, therapyMinutes: { other: 10 } },
      stroke.service,
      [['therapyMinutes', 'No therapy minutes can be recorded when the patient was not seen']],
    ],
    [
      'more minutes than the contact',
      { therapyMinutes: { physiotherapy: 30, psychology: 30 } },
      stroke.service,
      [['therapyMinutes', 'Therapy minutes (60) cannot be more than the length of the contact (45 minutes)']],
    ],
    // The duration is wrong already; the minutes are not measured against a duration that is not one.
    ['minutes with no duration', { durationMinutes: null, therapyMinutes: { physiotherapy: 30 } }, stroke.service, [['durationMinutes', 'Enter how long the contact took, in minutes']]],
    [
      'minutes with a duration that is not whole',
      { durationMinutes: 12.5, therapyMinutes: { physiotherapy: 30 } },
      stroke.service,
      [['durationMinutes', 'Duration must be a whole number of minutes from 1 to 720']],
    ],
    [
      'a first holistic assessment with some minutes not counted as Other',
      { kind: 'assessment', firstHolisticAssessment: true, therapyMinutes: { other: 30, physiotherapy: 15 } },
      stroke.service,
      [['therapyMinutes', 'All minutes of a first holistic assessment count as Other (SSNAP)']],
    ],
    [
      'a treatment marked as the first holistic assessment',
      { firstHolisticAssessment: true },
      stroke.service,
      [['firstHolisticAssessment', 'Only an assessment can be the first holistic assessment']],
    ],
  ])('%s', (_story, o, service, expected) => {
    expect(checkContactNote(note(o), { now, service })).toEqual(expected.map(([path, message]) => ({ path, message })));
  });

  it('every kind of contact and therapy type has its own label', () => {
    for (const [values, labels] of [
      [contactNoteKinds, contactNoteKindLabels],
      [ssnapTherapyTypes, ssnapTherapyTypeLabels],
    ] as const) {
      expectOwnLabels(values, labels, /^[A-Z].{4,}/);
    }
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
    expect(checkFinalisation({ kind: 'treatment', hasConsent: false, consentMissingReason: null })).toEqual([
      { path: 'consentMissingReason', message: 'No consent is recorded for this episode. Record consent first, or say why this treatment note is being finalised without it' },
    ]);
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
