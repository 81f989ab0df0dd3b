// The demo service as main.ts seeds it, made by the pure generators, for the demo generators' unit tests.
import { addCalendarDays, ukDateOf } from '@homeward/clinical';
import { generateDemoTeam, generatePatients } from './generate-demo-data.ts';
import { demoStaffSkills, generateDemoEpisodes, type EpisodeStaffInput, type EpisodeTeamInput } from './generate-demo-episodes.ts';
import type { RecordEpisodeInput, RecordStaffInput } from './generate-demo-records.ts';

/** Staff, patients and the episodes given records (active, and discharged within 28 days of now), as the seeder selects them. */
export function demoService(now: Date, seed = 20261124): { staff: RecordStaffInput[]; episodes: RecordEpisodeInput[] } {
  const today = ukDateOf(now);
  const demo = generateDemoTeam({ seed });
  const patients = generatePatients({ seed, count: 300, teamIds: demo.teams.map((t) => t.key) });
  const staff: RecordStaffInput[] = demo.staff.map((s) => ({ id: s.key, name: `${s.givenName} ${s.familyName}`, role: s.homewardRole, profession: s.profession, teamId: s.teamKey, active: true }));
  const teams: EpisodeTeamInput[] = demo.teams.map((t, i) => ({
    id: t.key,
    staff: demo.staff
      .filter((s) => s.teamKey === t.key)
      .map((s): EpisodeStaffInput => ({ id: s.key, name: `${s.givenName} ${s.familyName}`, role: s.homewardRole, profession: s.profession, skills: demoStaffSkills(s.key), active: true })),
    patients: patients.flatMap((p, n) => (p.registeredTeamId === t.key ? [{ id: `patient-${n}`, riskFlags: p.riskFlags }] : [])),
    openEpisodes: [30, 12][i]!,
  }));
  const generated = generateDemoEpisodes({ seed, now, teams });
  const referrals = new Map(generated.referrals.map((r) => [r.id, r]));
  const since = addCalendarDays(today, -28);
  const episodes: RecordEpisodeInput[] = generated.episodes
    .filter((e) => e.first_contact_at && e.allocated_to && (e.status !== 'discharged' || (e.discharged_on ?? '') >= since))
    .map((e) => {
      const p = patients[Number(e.patient_id.replace('patient-', ''))]!;
      return {
        id: e.id,
        teamId: e.team_id,
        service: e.service,
        setting: e.setting,
        status: e.status as RecordEpisodeInput['status'],
        complexity: e.complexity,
        skillsNeeded: e.skills_needed,
        reason: referrals.get(e.referral_id)!.reason,
        firstContactAt: e.first_contact_at!,
        firstAssessmentAt: e.first_assessment_at,
        lastContactAt: e.last_contact_at ?? e.first_contact_at!,
        plannedEndOn: e.planned_end_on,
        reviewDueOn: e.review_due_on,
        visitsPerWeek: e.visits_per_week,
        dischargedOn: e.discharged_on,
        dischargeOutcome: e.discharge_outcome,
        holders: generated.events.filter((ev) => ev.episode_id === e.id && (ev.kind === 'allocated' || ev.kind === 'handed-over')).map((ev) => ({ staffId: String(ev.detail.toStaffId), from: ev.occurred_at })),
        patient: { id: e.patient_id, givenName: p.givenName, familyName: p.familyName, sex: p.sex, dateOfBirth: p.dateOfBirth, contacts: p.contacts, communicationNeeds: p.communicationNeeds, livesAlone: p.livesAlone },
      };
    });
  return { staff, episodes };
}
