// What a therapy student on placement may do, rule by rule: they see the patients they work on under
// supervision (care-relationship.ts) and write notes that their practice educator reviews, and
// nothing that needs a registered or assessing grade.
import { describe, expect, it } from 'vitest';
import { checkAllocation, mayAllocate, mayHoldEpisodes, mayTriage } from './allocation-competence.ts';
import { decidePatientAccess } from './patient-access.ts';
import { mayAssessCapacity } from './record/consent.ts';
import { mayReviewNote, mayReviewNotes, mayWriteContactNotes, needsSupervisorReview } from './record/contact-note.ts';
import { checkDelegation } from './record/delegation.ts';
import { mayWriteDischargeSummary } from './record/discharge-summary.ts';
import { maySetGoals } from './record/goal.ts';
import { holdsRecordedCompetences, mayDeliverActivities, mayRecordCompetences, maySetProgramme } from './record/programme-of-care.ts';
import { mayRecordEpisodeReview } from './record/review-check.ts';
import { homewardRoleLabels, homewardRoles, isClinicalRole } from './staff-roles.ts';

describe('a therapy student on placement', () => {
  it('is a role of its own, and clinical: a relationship (from their own supervised work) lets them read the record', () => {
    expect(homewardRoles).toContain('student');
    expect(homewardRoleLabels.student).toBe('Therapy student on placement');
    expect(isClinicalRole('student')).toBe(true);
    expect(decidePatientAccess({ role: 'student', action: 'read', hasRelationship: true, hasActiveBreakGlass: false }).allowed).toBe(true);
    expect(decidePatientAccess({ role: 'student', action: 'read', hasRelationship: false, hasActiveBreakGlass: false }).allowed).toBe(false);
  });

  it('writes contact notes, and every one goes to a registered supervisor for review', () => {
    expect(mayWriteContactNotes('student')).toBe(true);
    expect(needsSupervisorReview('student')).toBe(true);
    expect(mayReviewNote({ reviewer: 'registered-therapist', author: 'student' })).toBe(true);
    expect(mayReviewNote({ reviewer: 'clinical-lead', author: 'student' })).toBe(true);
    expect(mayReviewNote({ reviewer: 'assistant-practitioner', author: 'student' })).toBe(false);
    expect(mayReviewNote({ reviewer: 'student', author: 'support-worker' })).toBe(false);
    expect(mayReviewNotes('student')).toBe(false);
  });

  it('never holds, triages or allocates an episode', () => {
    expect([mayTriage('student'), mayAllocate('student'), mayHoldEpisodes('student')]).toEqual([false, false, false]);
    const decision = checkAllocation({
      episode: { complexity: 'non-complex', skillsNeeded: [], assessmentDone: true },
      clinician: { role: 'student', profession: 'none', skills: ['hoist-competent'], active: true },
    });
    expect(decision).toMatchObject({ allowed: false, rule: 'student-no-episodes' });
  });

  it('does not assess capacity, set goals or programmes, record reviews or discharge summaries, or record competences', () => {
    expect(mayAssessCapacity('student')).toBe(false);
    expect(maySetGoals('student')).toBe(false);
    expect(maySetProgramme('student')).toBe(false);
    expect(mayRecordEpisodeReview('student')).toBe(false);
    expect(mayWriteDischargeSummary('student')).toBe(false);
    expect(mayRecordCompetences('student')).toBe(false);
    expect(holdsRecordedCompetences('student')).toBe(false);
  });

  it('is not delegated programme activities: those go to staff whose competence is recorded, or who deliver in their own right', () => {
    expect(mayDeliverActivities('student')).toBe(false);
    const decision = checkDelegation({
      delivererKind: 'staff',
      staff: { name: 'Sam Student', role: 'student', active: true, inEpisodeTeam: true },
      delivererName: null,
      competence: null,
      competencesHeld: [],
    });
    expect(decision).toMatchObject({ allowed: false, rule: 'deliverer-role-cannot-deliver' });
  });
});
