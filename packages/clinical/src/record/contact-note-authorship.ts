// Who may change a contact note once it is written. A note is its author's own account of a contact
// and is signed as theirs, so nobody else may change or finalise their draft: another clinician writes
// their own note. A final note is corrected by amendment, which keeps the original and names the amender:
// the author may amend their own; correcting someone else's is a registered clinician's judgement
// (registered therapists and clinical leads), always with the reason. Whatever a support worker or a
// student writes or amends waits for a supervisor's review, as their notes do.
import type { HomewardRole } from '../staff-roles.ts';
import { mayWriteContactNotes, needsSupervisorReview } from './contact-note.ts';

export const contactNoteChanges = ['change-draft', 'finalise', 'amend'] as const;
export type ContactNoteChange = (typeof contactNoteChanges)[number];

export const contactNoteAuthorshipRules = ['role-does-not-write-notes', 'draft-is-the-authors', 'amends-own-notes-only'] as const;
export type ContactNoteAuthorshipRule = (typeof contactNoteAuthorshipRules)[number];

export type ContactNoteChangeDecision =
  | { allowed: true; /** Whether what they write now waits for a supervisor's review. */ needsReview: boolean }
  | { allowed: false; rule: ContactNoteAuthorshipRule; message: string };

export type MayChangeContactNoteOptions = {
  change: ContactNoteChange;
  /** Who would make the change. */
  actor: { staffId: string; role: HomewardRole };
  /** Who wrote the note (contact_notes.written_by). */
  authorId: string;
};

/** Registered clinicians may correct a colleague's final note, with the reason; nobody else may. */
export function mayAmendOthersNotes(role: HomewardRole): boolean {
  return role === 'registered-therapist' || role === 'clinical-lead';
}

export function mayChangeContactNote(o: MayChangeContactNoteOptions): ContactNoteChangeDecision {
  const { role, staffId } = o.actor;
  if (!mayWriteContactNotes(role)) return { allowed: false, rule: 'role-does-not-write-notes', message: 'Only clinical staff who see patients can write in the clinical record' };
  const own = staffId === o.authorId;
  if (o.change !== 'amend') {
    if (own) return { allowed: true, needsReview: needsSupervisorReview(role) };
    const what = o.change === 'finalise' ? 'finalise' : 'change';
    return {
      allowed: false,
      rule: 'draft-is-the-authors',
      message: `Only the author of a draft note can ${what} it: it is their account of the contact. Write your own note, or ask them to finish theirs.`,
    };
  }
  if (own || mayAmendOthersNotes(role)) return { allowed: true, needsReview: needsSupervisorReview(role) };
  return {
    allowed: false,
    rule: 'amends-own-notes-only',
    message: 'You can amend only your own notes. A registered therapist or clinical lead can correct a colleague’s note, with the reason; tell them what needs correcting.',
  };
}
