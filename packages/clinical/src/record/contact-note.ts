// Contemporaneous contact notes: what kind of contact, when it happened and when it was written, how
// long it took and, for stroke episodes, the minutes of therapy by SSNAP therapy type.
import { clinicalDateProblem, type ClinicalDateFacts } from '../clinical-date-bounds.ts';
import type { HomewardRole } from '../staff-roles.ts';
import type { RecordFieldError } from './consent.ts';

export const contactNoteKinds = ['assessment', 'treatment', 'review', 'telephone', 'carer-training', 'mdt-discussion', 'did-not-attend', 'no-access'] as const;
export type ContactNoteKind = (typeof contactNoteKinds)[number];
export const contactNoteKindLabels: Record<ContactNoteKind, string> = {
  assessment: 'Assessment',
  treatment: 'Treatment',
  review: 'Review',
  telephone: 'Telephone contact',
  'carer-training': 'Carer training',
  'mdt-discussion': 'MDT discussion',
  'did-not-attend': 'Did not attend',
  'no-access': 'No access',
};

/** Contacts that treat the patient, and so need their consent on record before the note is final. */
export const treatmentKinds: readonly ContactNoteKind[] = ['treatment', 'carer-training'];
/** Contacts where the patient was not seen: no therapy was given. */
const notSeenKinds: readonly ContactNoteKind[] = ['did-not-attend', 'no-access'];

/** Did not attend, no access: a contact where the patient was not seen (no duration, no therapy minutes). */
export const isNotSeenKind = (kind: ContactNoteKind): boolean => notSeenKinds.includes(kind);

/** What a note must have, said the same wherever it is checked. */
export const contactNoteMissing = { duration: 'Enter how long the contact took, in minutes', body: 'Enter the note' } as const;

/** SSNAP 2024 records therapy by type of therapy, not by the profession of who gave it. */
export const ssnapTherapyTypes = ['physiotherapy', 'occupational-therapy', 'speech-and-language-therapy', 'psychology', 'other'] as const;
export type SsnapTherapyType = (typeof ssnapTherapyTypes)[number];
export const ssnapTherapyTypeLabels: Record<SsnapTherapyType, string> = {
  physiotherapy: 'Physiotherapy',
  'occupational-therapy': 'Occupational therapy',
  'speech-and-language-therapy': 'Speech and language therapy',
  psychology: 'Psychology',
  other: 'Other (including all of a first holistic assessment)',
};
export type TherapyMinutes = Partial<Record<SsnapTherapyType, number>>;

export const strokeServices = ['stroke-early-supported-discharge', 'community-stroke-rehabilitation'] as const;
export function isStrokeService(service: string): boolean {
  return (strokeServices as readonly string[]).includes(service);
}

/**
 * A note written more than 24 hours after the event is a late entry (RCOT: "completed promptly";
 * local policy commonly says within 24 hours). It is labelled, with both times shown.
 */
export const lateEntryThresholdHours = 24;
export function isLateEntry(occurredAt: Date, writtenAt: Date): boolean {
  return writtenAt.getTime() - occurredAt.getTime() > lateEntryThresholdHours * 3_600_000;
}

/** A contact longer than a working day is a typing slip, not a visit. */
export const maxContactMinutes = 720;

export type ContactNoteInput = {
  kind: ContactNoteKind;
  occurredAt: Date;
  durationMinutes: number | null;
  place: string | null;
  staffPresent: string | null;
  body: string;
  therapyMinutes: TherapyMinutes;
  firstHolisticAssessment: boolean;
};

/** The episode's service, and the patient's birth and referral that the contact's date is judged against. */
export type ContactNoteContext = ClinicalDateFacts & { service: string };

export function checkContactNote(input: ContactNoteInput, context: ContactNoteContext): RecordFieldError[] {
  const fields: RecordFieldError[] = [];
  const when = clinicalDateProblem('contact', input.occurredAt, context);
  if (when) fields.push({ path: 'occurredAt', message: when });
  const notSeen = notSeenKinds.includes(input.kind);
  const d = input.durationMinutes;
  if (d === null) {
    if (!notSeen) fields.push({ path: 'durationMinutes', message: contactNoteMissing.duration });
  } else if (!Number.isInteger(d) || d < 1 || d > maxContactMinutes) {
    fields.push({ path: 'durationMinutes', message: `Duration must be a whole number of minutes from 1 to ${maxContactMinutes}` });
  }
  if (!input.body.trim()) fields.push({ path: 'body', message: contactNoteMissing.body });

  const entries = Object.entries(input.therapyMinutes) as Array<[string, number]>;
  const given = entries.filter(([, m]) => m !== 0);
  for (const [type, m] of entries) {
    if (!(ssnapTherapyTypes as readonly string[]).includes(type)) fields.push({ path: `therapyMinutes.${type}`, message: `${type} is not a SSNAP therapy type` });
    else if (!Number.isInteger(m) || m < 0 || m > maxContactMinutes) fields.push({ path: `therapyMinutes.${type}`, message: `${ssnapTherapyTypeLabels[type as SsnapTherapyType]} minutes must be a whole number from 0 to ${maxContactMinutes}` });
  }
  if (given.length > 0) {
    if (!isStrokeService(context.service)) {
      fields.push({ path: 'therapyMinutes', message: 'Therapy minutes by SSNAP therapy type are recorded for stroke episodes only' });
    } else if (notSeen) {
      fields.push({ path: 'therapyMinutes', message: 'No therapy minutes can be recorded when the patient was not seen' });
    } else {
      const total = given.reduce((sum, [, m]) => sum + (Number.isFinite(m) ? m : 0), 0);
      if (d !== null && Number.isInteger(d) && total > d) fields.push({ path: 'therapyMinutes', message: `Therapy minutes (${total}) cannot be more than the length of the contact (${d} minutes)` });
      if (input.firstHolisticAssessment && given.some(([type]) => type !== 'other')) {
        fields.push({ path: 'therapyMinutes', message: 'All minutes of a first holistic assessment count as Other (SSNAP)' });
      }
    }
  }
  if (input.firstHolisticAssessment && input.kind !== 'assessment') fields.push({ path: 'firstHolisticAssessment', message: 'Only an assessment can be the first holistic assessment' });
  return fields;
}

export type FinalisationInput = { kind: ContactNoteKind; hasConsent: boolean; consentMissingReason: string | null };

/** A treatment contact cannot be final while the episode has no consent on record, unless the clinician says why. */
export function checkFinalisation(input: FinalisationInput): RecordFieldError[] {
  if (!treatmentKinds.includes(input.kind) || input.hasConsent) return [];
  if (input.consentMissingReason && input.consentMissingReason.trim()) return [];
  return [{ path: 'consentMissingReason', message: 'No consent is recorded for this episode. Record consent first, or say why this treatment note is being finalised without it' }];
}

/** Everyone who looks after patients writes notes, except service managers, who manage. */
export function mayWriteContactNotes(role: HomewardRole): boolean {
  return role === 'support-worker' || role === 'student' || role === 'assistant-practitioner' || role === 'registered-therapist' || role === 'clinical-lead';
}

/**
 * Whose notes go to a supervisor, and who may review them. A support worker's work is delegated, so
 * whoever may delegate it reviews it: an assistant practitioner holds a non-complex caseload and
 * delegates on it (service.md; the clinical record story), as do registered therapists and leads. A
 * student's practice is signed off by a practice educator, who is registered (HCPC), so an assistant
 * practitioner does not review a student's notes.
 */
const reviewersOf: Partial<Record<HomewardRole, readonly HomewardRole[]>> = {
  'support-worker': ['assistant-practitioner', 'registered-therapist', 'clinical-lead'],
  student: ['registered-therapist', 'clinical-lead'],
};

/** Every note by a support worker or a student waits for a supervisor's review. */
export function needsSupervisorReview(role: HomewardRole): boolean {
  return reviewersOf[role] !== undefined;
}

/** Whether the role reviews anyone's notes (so sees the team's review queue). */
export function mayReviewNotes(role: HomewardRole): boolean {
  return Object.values(reviewersOf).some((reviewers) => reviewers.includes(role));
}

export type MayReviewNoteOptions = {
  /** The role of whoever would mark the note reviewed. */
  reviewer: HomewardRole;
  /** The author's role when the note was written (contact_notes.written_by_role), not their role today. */
  author: HomewardRole;
};

/** Whether this reviewer may review a note by this author: only notes that need review, by their supervisors. */
export function mayReviewNote(o: MayReviewNoteOptions): boolean {
  return reviewersOf[o.author]?.includes(o.reviewer) ?? false;
}

/** The authors whose notes this reviewer may review: what their review queue shows. */
export function authorsReviewableBy(reviewer: HomewardRole): HomewardRole[] {
  return (Object.keys(reviewersOf) as HomewardRole[]).filter((author) => mayReviewNote({ reviewer, author }));
}
