import { describe, expect, it } from 'vitest';
import { homewardRoles, type HomewardRole } from '../staff-roles.ts';
import { contactNoteChanges, mayAmendOthersNotes, mayChangeContactNote, type ContactNoteChange } from './contact-note-authorship.ts';

const author = 'staff-author';
const decide = (change: ContactNoteChange, role: HomewardRole, own: boolean) => mayChangeContactNote({ change, actor: { staffId: own ? author : 'staff-other', role }, authorId: author });
const outcome = (change: ContactNoteChange, role: HomewardRole, own: boolean) => {
  const d = decide(change, role, own);
  return d.allowed ? (d.needsReview ? 'allowed, reviewed' : 'allowed') : d.rule;
};

describe('who may change a contact note', () => {
  // Every role, for its own note and for someone else's: the whole rule in one table.
  const table: Array<[HomewardRole, ContactNoteChange, string, string]> = [
    // role, change, own note, someone else's note
    ['support-worker', 'change-draft', 'allowed, reviewed', 'draft-is-the-authors'],
    ['support-worker', 'finalise', 'allowed, reviewed', 'draft-is-the-authors'],
    ['support-worker', 'amend', 'allowed, reviewed', 'amends-own-notes-only'],
    ['student', 'change-draft', 'allowed, reviewed', 'draft-is-the-authors'],
    ['student', 'finalise', 'allowed, reviewed', 'draft-is-the-authors'],
    ['student', 'amend', 'allowed, reviewed', 'amends-own-notes-only'],
    ['assistant-practitioner', 'change-draft', 'allowed', 'draft-is-the-authors'],
    ['assistant-practitioner', 'finalise', 'allowed', 'draft-is-the-authors'],
    ['assistant-practitioner', 'amend', 'allowed', 'amends-own-notes-only'],
    ['registered-therapist', 'change-draft', 'allowed', 'draft-is-the-authors'],
    ['registered-therapist', 'finalise', 'allowed', 'draft-is-the-authors'],
    ['registered-therapist', 'amend', 'allowed', 'allowed'],
    ['clinical-lead', 'change-draft', 'allowed', 'draft-is-the-authors'],
    ['clinical-lead', 'finalise', 'allowed', 'draft-is-the-authors'],
    ['clinical-lead', 'amend', 'allowed', 'allowed'],
    ['service-manager', 'change-draft', 'role-does-not-write-notes', 'role-does-not-write-notes'],
    ['service-manager', 'finalise', 'role-does-not-write-notes', 'role-does-not-write-notes'],
    ['service-manager', 'amend', 'role-does-not-write-notes', 'role-does-not-write-notes'],
    ['administrator', 'amend', 'role-does-not-write-notes', 'role-does-not-write-notes'],
    ['privacy-officer', 'amend', 'role-does-not-write-notes', 'role-does-not-write-notes'],
  ];

  it.each(table)('%s, %s: own note %s; someone else’s %s', (role, change, own, others) => {
    expect(outcome(change, role, true)).toBe(own);
    expect(outcome(change, role, false)).toBe(others);
  });

  it('covers every role that writes notes and every change', () => {
    for (const role of ['support-worker', 'student', 'assistant-practitioner', 'registered-therapist', 'clinical-lead'] as const) {
      for (const change of contactNoteChanges) expect(table.some(([r, c]) => r === role && c === change), `${role} ${change}`).toBe(true);
    }
  });

  it('only registered therapists and clinical leads correct a colleague’s note', () => {
    expect(homewardRoles.filter(mayAmendOthersNotes)).toEqual(['registered-therapist', 'clinical-lead']);
  });

  it('says what to do instead, in clinicians’ words', () => {
    expect(decide('change-draft', 'support-worker', false)).toMatchObject({ message: 'Only the author of a draft note can change it: it is their account of the contact. Write your own note, or ask them to finish theirs.' });
    expect(decide('finalise', 'student', false)).toMatchObject({ message: expect.stringMatching(/^Only the author of a draft note can finalise it/) });
    expect(decide('amend', 'assistant-practitioner', false)).toMatchObject({ message: expect.stringMatching(/registered therapist or clinical lead can correct a colleague’s note, with the reason/) });
    expect(decide('amend', 'administrator', true)).toMatchObject({ rule: 'role-does-not-write-notes', message: 'Only clinical staff who see patients can write in the clinical record' });
  });
});
