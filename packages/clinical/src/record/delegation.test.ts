import { describe, expect, it } from 'vitest';
import { checkDelegation, type CheckDelegationOptions, type DelegationStaff } from './delegation.ts';

const supportWorker: DelegationStaff = { name: 'Jo Support', role: 'support-worker', active: true, inEpisodeTeam: true };
const check = (o: Partial<CheckDelegationOptions>) =>
  checkDelegation({ delivererKind: 'staff', staff: supportWorker, delivererName: null, competence: 'kitchen-practice', competencesHeld: ['kitchen-practice'], ...o });

describe('checkDelegation', () => {
  it('lets a support worker deliver an activity within a current recorded competence', () => {
    expect(check({})).toEqual({ allowed: true });
  });

  it('refuses a support worker without the recorded competence, saying which and who records it', () => {
    const decision = check({ competencesHeld: ['transfer-practice'] });
    expect(decision).toEqual({
      allowed: false,
      rule: 'competence-not-recorded',
      path: 'delivererStaffId',
      message: 'Jo Support has no current recorded competence for kitchen practice (meal and hot drink preparation). A registered therapist or clinical lead must assess them and record it on the staff competences page before this activity can be delegated to them',
    });
  });

  it('needs the competence named when a support worker delivers the activity', () => {
    expect(check({ competence: null })).toMatchObject({ allowed: false, rule: 'competence-not-named', path: 'competence' });
  });

  it.each(['assistant-practitioner', 'registered-therapist', 'clinical-lead'] as const)('a %s needs no competence record', (role) => {
    expect(check({ staff: { ...supportWorker, role }, competence: null, competencesHeld: [] })).toEqual({ allowed: true });
    expect(check({ staff: { ...supportWorker, role }, competencesHeld: [] })).toEqual({ allowed: true });
  });

  it.each(['service-manager', 'administrator', 'privacy-officer'] as const)('a %s cannot deliver activities', (role) => {
    expect(check({ staff: { ...supportWorker, role } })).toMatchObject({ allowed: false, rule: 'deliverer-role-cannot-deliver', path: 'delivererStaffId' });
  });

  it('refuses no one chosen, someone inactive and someone from another team', () => {
    expect(check({ staff: null })).toMatchObject({ rule: 'deliverer-staff-needed', path: 'delivererStaffId' });
    expect(check({ staff: { ...supportWorker, active: false } })).toMatchObject({ rule: 'deliverer-inactive', path: 'delivererStaffId' });
    expect(check({ staff: { ...supportWorker, inEpisodeTeam: false } })).toMatchObject({ rule: 'deliverer-other-team', path: 'delivererStaffId' });
  });

  it('refuses a competence Homeward does not record, whoever delivers', () => {
    expect(check({ competence: 'juggling' })).toMatchObject({ rule: 'competence-unknown', path: 'competence' });
    expect(check({ delivererKind: 'self', staff: null, competence: 'juggling' })).toMatchObject({ rule: 'competence-unknown' });
  });

  it.each<[string, Partial<CheckDelegationOptions>, string]>([
    ['no one chosen', { staff: null }, 'Choose the member of staff who delivers this activity'],
    ['someone who has left', { staff: { ...supportWorker, active: false } }, 'Jo Support no longer works in Homeward. Choose someone else'],
    ['someone from another team', { staff: { ...supportWorker, inEpisodeTeam: false } }, 'Jo Support is not in the team caring for this patient. Choose someone from the patient’s team'],
    [
      'a service manager',
      { staff: { ...supportWorker, name: 'Sam Manager', role: 'service-manager' } },
      'Sam Manager (Service manager) does not deliver programme activities. Choose a support worker, assistant practitioner or therapist',
    ],
    [
      'no competence named for a support worker',
      { competence: null },
      'Choose the competence this activity needs: Jo Support is a support worker, and work is delegated to a support worker only within a recorded competence',
    ],
    ['a competence Homeward does not record', { competence: 'juggling' }, 'juggling is not a competence Homeward records. Choose one from the list'],
    ['an empty competence', { competence: '' }, 'That is not a competence Homeward records. Choose one from the list'],
    ['a carer named only in spaces', { delivererKind: 'carer', staff: null, delivererName: '   ' }, 'Enter the name of the carer who helps, for example Sarah (daughter)'],
  ])('tells the clinician what to do: %s', (_story, o, message) => {
    expect(check(o)).toMatchObject({ allowed: false, message });
  });

  it('needs a name for a carer or an agency, not for the patient alone', () => {
    expect(check({ delivererKind: 'carer', staff: null, delivererName: '' })).toMatchObject({ rule: 'deliverer-name-needed', path: 'delivererName', message: 'Enter the name of the carer who helps, for example Sarah (daughter)' });
    expect(check({ delivererKind: 'agency', staff: null, delivererName: null })).toMatchObject({ rule: 'deliverer-name-needed', message: 'Enter the name of the care agency' });
    expect(check({ delivererKind: 'carer', staff: null, delivererName: 'Sarah (daughter)', competence: 'sit-to-stand-exercise', competencesHeld: [] })).toEqual({ allowed: true });
    expect(check({ delivererKind: 'self', staff: null, competence: null, competencesHeld: [] })).toEqual({ allowed: true });
  });
});
