// An episode already under way, written straight to the database, for tests of what happens inside
// an episode (the record) without walking referral, triage and allocation each time.
import { uuidv7 } from 'uuidv7';
import type { TestApp } from './test-app.ts';

/**
 * A referral accepted at triage and its active episode held by staffId; written straight to the
 * database. Team A's by default, triaged by its clinical lead; another team's with teamId and triagedBy.
 */
export async function seedEpisode(t: TestApp, o: { patientId: string; service: string; allocatedTo: string; teamId?: string; triagedBy?: string }): Promise<string> {
  const lead = o.triagedBy ?? t.service.a['clinical-lead'].id;
  const teamId = o.teamId ?? t.service.teamA;
  const at = new Date(t.clock.now().getTime() - 3 * 86_400_000);
  const referralId = uuidv7();
  const episodeId = uuidv7();
  await t.db.insertInto('referrals').values({
    id: referralId, patient_id: o.patientId, team_id: teamId, source: 'acute-ward', received_at: at, service: o.service, setting: 'home',
    reason: 'Fall at home, now medically fit', urgency_requested: 'soon', referrer_name: 'Ward 7', referrer_contact: '01632 960000', consent_to_referral: true,
    status: 'accepted', decided_at: at, decided_by: lead, created_at: at, created_by: lead, updated_at: at, updated_by: lead,
  }).execute();
  await t.db.insertInto('episodes').values({
    id: episodeId, patient_id: o.patientId, referral_id: referralId, team_id: teamId, service: o.service, setting: 'home', status: 'active',
    complexity: 'non-complex', complexity_reason: 'Single need, stable', priority: 'P3', skills_needed: JSON.stringify(['OT']), triaged_by: lead, triaged_at: at,
    clock_starts_at: at, response_due_at: new Date(at.getTime() + 2 * 86_400_000), first_contact_at: at, last_contact_at: at, allocated_to: o.allocatedTo, allocated_at: at,
    created_at: at, created_by: lead, updated_at: at, updated_by: lead,
  }).execute();
  return episodeId;
}

/**
 * A support worker or student recorded as working on the episode under a supervisor (by default the
 * team's assistant practitioner, or registered therapist for a student), written straight to the
 * database: they see only the patients they work with, so a test of their work starts here.
 */
export async function seedSupervision(t: TestApp, o: { episodeId: string; staffId: string; supervisorId?: string }): Promise<string> {
  const episode = await t.db.selectFrom('episodes').select(['patient_id']).where('id', '=', o.episodeId).executeTakeFirstOrThrow();
  const staff = await t.db.selectFrom('staff').select('homeward_role').where('id', '=', o.staffId).executeTakeFirstOrThrow();
  const supervisorId = o.supervisorId ?? (staff.homeward_role === 'student' ? t.service.a['registered-therapist'].id : t.service.a['assistant-practitioner'].id);
  const id = uuidv7();
  const at = t.clock.now();
  await t.db.insertInto('episode_supervisions').values({
    id, episode_id: o.episodeId, patient_id: episode.patient_id, staff_id: o.staffId, supervisor_id: supervisorId, started_at: at,
    created_at: at, created_by: supervisorId, updated_at: at, updated_by: supervisorId,
  }).execute();
  return id;
}
