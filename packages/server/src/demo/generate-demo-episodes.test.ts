import { describe, it, expect } from 'vitest';
import {
  checkAllocation,
  clockState,
  dischargeDestinationsFor,
  dischargeOutcomes,
  mayAllocate,
  mayMakeReferrals,
  mayTriage,
  onHoldReasonLabels,
  responseDueAt,
  ukDateOf,
  type DischargeOutcome,
  type Priority,
  type Service,
} from '@homeward/clinical';
import { generateDemoTeam, generatePatients } from './generate-demo-data.ts';
import {
  cliniciansPerScaleTeam,
  defaultEpisodeMix,
  demoStaffSkills,
  episodeChangingEventKinds,
  generateDemoEpisodes,
  generateScaleTeams,
  maxOpenEpisodesFor,
  planTeamEpisodes,
  referralsInPlan,
  seededUuidV7,
  shareOpenEpisodes,
  ukHourOf,
  type EpisodeStaffInput,
  type EpisodeTeamInput,
} from './generate-demo-episodes.ts';
import { createRandom } from './seeded-random.ts';

const now = new Date('2026-11-24T10:30:00Z');
const holderRoles = new Set(['registered-therapist', 'clinical-lead', 'assistant-practitioner']);

/** The demo service as the seeder hands it over: staff with skills, patients registered with each team. */
function demoTeams(openEpisodes: readonly number[], patientCount = 300): EpisodeTeamInput[] {
  const demo = generateDemoTeam({ seed: 20261124 });
  const patients = generatePatients({ seed: 20261124, count: patientCount, teamIds: demo.teams.map((t) => t.key) });
  return demo.teams.map((t, i) => ({
    id: t.key,
    staff: demo.staff
      .filter((s) => s.teamKey === t.key)
      .map((s): EpisodeStaffInput => ({ id: s.key, name: `${s.givenName} ${s.familyName}`, role: s.homewardRole, profession: s.profession, skills: demoStaffSkills(s.key), active: true })),
    patients: patients.flatMap((p, n) => (p.registeredTeamId === t.key ? [{ id: `patient-${n}`, riskFlags: p.riskFlags }] : [])),
    openEpisodes: openEpisodes[i] ?? 0,
  }));
}

/** A synthetic team at scale, to test the rules over thousands of episodes. */
function scaleTeam(openEpisodes: number): EpisodeTeamInput {
  const { staff } = generateScaleTeams({ seed: 3, count: 1, clinicians: 40 });
  const patients = generatePatients({ seed: 3, count: Math.ceil(openEpisodes * 1.6), teamIds: ['scale'] });
  return {
    id: 'scale',
    staff: staff.map((s) => ({ id: s.key, name: `${s.givenName} ${s.familyName}`, role: s.homewardRole, profession: s.profession, skills: s.skills, active: true })),
    patients: patients.map((p, n) => ({ id: `scale-patient-${n}`, riskFlags: p.riskFlags })),
    openEpisodes,
  };
}

const teams = demoTeams([30, 12]);
const demo = generateDemoEpisodes({ seed: 1, now, teams });
const big = generateDemoEpisodes({ seed: 2, now, teams: [scaleTeam(3000)] });
const staffById = new Map([...teams, scaleTeam(1)].flatMap((t) => t.staff.map((s) => [s.id, { ...s, teamId: t.id }] as const)));

describe.each([
  ['the demo service', demo, teams],
  ['a team at scale', big, [scaleTeam(3000)]],
])('generateDemoEpisodes for %s', (_label, out, inputTeams) => {
  const episodesById = new Map(out.episodes.map((e) => [e.id, e]));
  const referralsById = new Map(out.referrals.map((r) => [r.id, r]));
  const eventsByEpisode = Map.groupBy(out.events, (e) => e.episode_id);
  const open = out.episodes.filter((e) => e.status !== 'discharged');

  it('makes as many open episodes as asked, and the rest in proportion', () => {
    for (const team of inputTeams) {
      const plan = planTeamEpisodes(team.openEpisodes);
      expect(out.episodes.filter((e) => e.team_id === team.id && e.status !== 'discharged')).toHaveLength(team.openEpisodes);
      expect(out.referrals.filter((r) => r.team_id === team.id)).toHaveLength(referralsInPlan(plan));
      expect(out.referrals.filter((r) => r.team_id === team.id && r.status === 'incoming')).toHaveLength(plan.incoming);
      expect(out.episodes.filter((e) => e.team_id === team.id && e.status === 'discharged')).toHaveLength(plan.discharged);
    }
  });

  it('gives every row a unique UUIDv7 and refers each patient once, from the team’s own list', () => {
    const ids = [...out.referrals, ...out.episodes, ...out.events, ...out.onwardReferrals].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id)) throw new Error(`not a UUIDv7: ${id}`);
    expect(new Set(out.referrals.map((r) => r.patient_id)).size).toBe(out.referrals.length);
    for (const r of out.referrals) {
      const team = inputTeams.find((t) => t.id === r.team_id)!;
      if (!team.patients.some((p) => p.id === r.patient_id)) throw new Error(`patient ${r.patient_id} is not on team ${r.team_id}'s list`);
    }
  });

  it('has real staff of the team, in roles that may do it, behind every referral', () => {
    for (const r of out.referrals) {
      const taker = staffById.get(r.created_by)!;
      expect(taker.teamId).toBe(r.team_id);
      // The seeder takes it through makeReferral, which refuses support workers and students (decidePatientAccess 'refer').
      expect(mayMakeReferrals(taker.role), `${taker.role} took a referral`).toBe(true);
      if (r.status === 'incoming') {
        expect([r.decided_at, r.decided_by, r.version, r.updated_by]).toEqual([null, null, 1, r.created_by]);
      } else {
        expect(mayTriage(staffById.get(r.decided_by!)!.role)).toBe(true);
        expect([r.version, r.updated_by, r.updated_at]).toEqual([2, r.decided_by, r.decided_at]);
      }
      if (r.status === 'rejected') expect(r.rejection_reason && r.rejection_detail).toBeTruthy();
      if (r.source === 'other-team') expect(r.source_detail).toBeTruthy();
      if (!r.consent_to_referral) expect(r.consent_note).toBeTruthy();
      expect(r.received_at.getTime()).toBeLessThanOrEqual(r.created_at.getTime());
      expect(r.created_at.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(r.referrer_contact).toMatch(/^(01632 960\d{3}|[a-z]+\.[a-z]+@nhs\.example)$/);
    }
  });

  it('opens one episode for each accepted referral, triaged by a registered therapist or clinical lead', () => {
    const accepted = out.referrals.filter((r) => r.status === 'accepted');
    expect(out.episodes).toHaveLength(accepted.length);
    for (const e of out.episodes) {
      const r = referralsById.get(e.referral_id)!;
      expect(r.status).toBe('accepted');
      expect([e.patient_id, e.team_id, e.service, e.setting]).toEqual([r.patient_id, r.team_id, r.service, r.setting]);
      expect(mayTriage(staffById.get(e.triaged_by)!.role)).toBe(true);
      expect(staffById.get(e.triaged_by)!.teamId).toBe(e.team_id);
      expect([e.triaged_by, e.created_by, e.triaged_at, e.created_at]).toEqual([r.decided_by, r.decided_by, r.decided_at, r.decided_at]);
    }
  });

  it('runs every clock from the referral by the service standard', () => {
    for (const e of out.episodes) {
      const r = referralsById.get(e.referral_id)!;
      expect(e.clock_starts_at).toEqual(r.received_at);
      expect(e.response_due_at).toEqual(responseDueAt({ service: e.service as Service, priority: e.priority as Priority, clockStartsAt: e.clock_starts_at }));
    }
  });

  it('allocates only within competence: assistant practitioners non-complex only, support workers never', () => {
    for (const e of out.episodes.filter((x) => x.allocated_to !== null)) {
      const holder = staffById.get(e.allocated_to!)!;
      expect(holder.teamId).toBe(e.team_id);
      const decision = checkAllocation({
        episode: { complexity: e.complexity, skillsNeeded: e.skills_needed, assessmentDone: e.first_assessment_at !== null },
        clinician: { role: holder.role, profession: holder.profession, skills: holder.skills, active: holder.active },
      });
      if (!decision.allowed) throw new Error(`${holder.role} holds episode ${e.id}: ${decision.message}`);
      expect(holder.role).not.toBe('support-worker');
      if (holder.role === 'assistant-practitioner') expect(e.complexity).toBe('non-complex');
    }
  });

  it('keeps every status consistent with its dates', () => {
    for (const e of out.episodes) {
      const at = (d: Date | null) => d?.getTime() ?? null;
      expect(e.triaged_at.getTime()).toBeGreaterThanOrEqual(e.clock_starts_at.getTime());
      if (e.allocated_to === null) expect(e.allocated_at).toBeNull();
      if (e.allocated_at) expect(at(e.allocated_at)!).toBeGreaterThan(e.triaged_at.getTime());
      if (e.first_contact_at) {
        expect(e.allocated_to).not.toBeNull();
        expect(at(e.first_contact_at)!).toBeGreaterThan(e.clock_starts_at.getTime());
        expect(at(e.last_contact_at)!).toBeGreaterThanOrEqual(at(e.first_contact_at)!);
        expect(e.review_due_on).not.toBeNull();
      }
      if (e.status === 'waiting') expect([e.first_contact_at, e.hold_reason, e.discharged_on]).toEqual([null, null, null]);
      if (e.status === 'active') expect(e.first_contact_at).not.toBeNull();
      if (e.status === 'on-hold') expect(Object.values(onHoldReasonLabels).some((label) => e.hold_reason?.startsWith(label))).toBe(true);
      if (e.status === 'discharged') {
        expect(dischargeOutcomes).toContain(e.discharge_outcome);
        expect(dischargeDestinationsFor(e.discharge_outcome as DischargeOutcome)).toContain(e.discharge_destination);
        expect(e.discharged_on).toBe(ukDateOf(e.last_contact_at!));
        expect(e.next_contact_at).toBeNull();
      } else {
        expect([e.discharge_outcome, e.discharge_destination, e.discharged_on]).toEqual([null, null, null]);
      }
      for (const d of [e.triaged_at, e.allocated_at, e.first_contact_at, e.last_contact_at, e.updated_at]) {
        if (d && d.getTime() > now.getTime()) throw new Error(`episode ${e.id} has a date after now: ${d.toISOString()}`);
      }
      if (e.next_contact_at) expect(e.next_contact_at.getTime()).toBeGreaterThan(now.getTime());
      // Only recordFirstContact plans a next contact, so an episode not yet seen has none.
      if (e.first_contact_at === null) expect(e.next_contact_at).toBeNull();
    }
  });

  it('puts the waiting list’s clocks in several states, with breaches', () => {
    const waiting = open.filter((e) => e.first_contact_at === null);
    const states = new Set(waiting.map((e) => clockState({ dueAt: e.response_due_at, firstContactAt: null, now }).state));
    expect(states).toEqual(new Set(['running', 'due-soon', 'breached']));
    const unallocated = open.filter((e) => e.allocated_to === null);
    expect(unallocated.length).toBeGreaterThan(0);
    expect(unallocated.every((e) => e.status === 'waiting')).toBe(true);
    expect(unallocated.some((e) => clockState({ dueAt: e.response_due_at, firstContactAt: null, now }).state === 'breached')).toBe(true);
  });

  it('writes the history of every episode: triaged, allocated, status changes and discharge, in order', () => {
    for (const e of out.episodes) {
      const events = [...(eventsByEpisode.get(e.id) ?? [])].sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime());
      expect(events[0]!.kind).toBe('triaged');
      expect(events[0]!.staff_id).toBe(e.triaged_by);
      expect(events[0]!.occurred_at).toEqual(e.triaged_at);
      const kinds = events.map((x) => x.kind);
      expect(kinds.filter((k) => k === 'triaged')).toHaveLength(1);
      const allocations = events.filter((x) => x.kind === 'allocated' || x.kind === 'handed-over');
      expect(allocations.at(-1)?.detail.toStaffId ?? null).toBe(e.allocated_to);
      if (e.allocated_to) expect(mayAllocate(staffById.get(events.find((x) => x.kind === 'allocated')!.staff_id)!.role)).toBe(true);
      expect(kinds.includes('discharged')).toBe(e.status === 'discharged');
      const firstContact = events.find((x) => x.kind === 'status-changed' && x.reason === 'first-contact');
      expect(firstContact?.occurred_at ?? null).toEqual(e.first_contact_at);
      if (e.status === 'on-hold') expect(events.at(-1)!.detail.to).toBe('on-hold');
      // The version counts the changes to the row; the last of them is who and when it was updated.
      const changes = events.filter((x) => episodeChangingEventKinds.includes(x.kind));
      expect(e.version).toBe(changes.length);
      expect([e.updated_at, e.updated_by]).toEqual([changes.at(-1)!.occurred_at, changes.at(-1)!.staff_id]);
      for (const x of events) {
        expect(staffById.get(x.staff_id)!.teamId).toBe(e.team_id);
        expect(x.occurred_at.getTime()).toBeLessThanOrEqual(now.getTime());
      }
      expect(new Set(events.map((x) => x.occurred_at.getTime())).size).toBe(events.length);
    }
  });

  it('tracks onward referrals with their events', () => {
    for (const o of out.onwardReferrals) {
      const e = episodesById.get(o.episode_id)!;
      const events = eventsByEpisode.get(e.id)!;
      expect(events.some((x) => x.kind === 'onward-referral' && x.detail.onwardReferralId === o.id && x.occurred_at.getTime() === o.sent_at.getTime())).toBe(true);
      expect(events.some((x) => x.kind === 'onward-acknowledged' && x.detail.onwardReferralId === o.id)).toBe(o.acknowledged_at !== null);
      expect(o.version).toBe(o.acknowledged_at ? 2 : 1);
      if (o.acknowledged_at) expect(o.acknowledged_at.getTime()).toBeGreaterThan(o.sent_at.getTime());
    }
  });
});

describe('the demo caseloads', () => {
  const open = demo.episodes.filter((e) => e.status !== 'discharged');
  const caseloads = Map.groupBy(open.filter((e) => e.allocated_to), (e) => e.allocated_to!);

  it('come to about 60 referrals for the two demo teams', () => {
    expect(demo.referrals.length).toBeGreaterThanOrEqual(55);
    expect(demo.referrals.length).toBeLessThanOrEqual(70);
  });

  it('spread across the clinicians, unevenly, with support workers holding none', () => {
    const holders = teams.flatMap((t) => t.staff).filter((s) => holderRoles.has(s.role) && s.role !== 'clinical-lead');
    const withCaseload = holders.filter((s) => caseloads.has(s.id));
    expect(withCaseload.length).toBeGreaterThanOrEqual(holders.length - 2);
    const sizes = [...caseloads.values()].map((c) => c.length);
    expect(Math.max(...sizes)).toBeGreaterThan(Math.min(...sizes));
    for (const s of teams.flatMap((t) => t.staff).filter((x) => !holderRoles.has(x.role))) expect(caseloads.has(s.id)).toBe(false);
  });

  it('include episodes on hold, discharges and an onward referral', () => {
    expect(open.some((e) => e.status === 'on-hold')).toBe(true);
    expect(demo.episodes.filter((e) => e.status === 'discharged').length).toBeGreaterThan(5);
    expect(demo.onwardReferrals.length).toBeGreaterThan(0);
  });

  it('give some clinicians hoist competence, and hoisting episodes to them', () => {
    expect(demoStaffSkills('ot-1')).toEqual(['hoist-competent']);
    expect(demoStaffSkills('ot-2')).toEqual([]);
    for (const e of big.episodes.filter((x) => x.allocated_to && x.skills_needed.includes('hoist-competent'))) {
      expect(staffById.get(e.allocated_to!)!.skills).toContain('hoist-competent');
    }
  });
});

describe('determinism', () => {
  it('gives the same rows for the same seed, reference time and inputs', () => {
    expect(generateDemoEpisodes({ seed: 1, now, teams })).toEqual(demo);
  });

  it('gives different rows for another seed', () => {
    const other = generateDemoEpisodes({ seed: 9, now, teams });
    expect(other.referrals.map((r) => r.id)).not.toEqual(demo.referrals.map((r) => r.id));
  });

  it('does not read the clock: times follow the reference time given', () => {
    const realNow = Date.now;
    Date.now = () => 0;
    try {
      expect(generateDemoEpisodes({ seed: 1, now, teams })).toEqual(demo);
    } finally {
      Date.now = realNow;
    }
    const later = new Date(now.getTime() + 7 * 86_400_000);
    const shifted = generateDemoEpisodes({ seed: 1, now: later, teams });
    expect(Math.max(...shifted.referrals.map((r) => r.received_at.getTime()))).toBeGreaterThan(now.getTime());
  });

  it('refuses a team without enough patients or without anyone to triage', () => {
    const [north] = demoTeams([30, 0]);
    expect(() => generateDemoEpisodes({ seed: 1, now, teams: [{ ...north!, patients: north!.patients.slice(0, 10) }] })).toThrow(/needs \d+ patients/);
    expect(() => generateDemoEpisodes({ seed: 1, now, teams: [{ ...north!, staff: north!.staff.filter((s) => !mayTriage(s.role)) }] })).toThrow(/triage/);
  });
});

describe('sharing open episodes across teams', () => {
  it('follows the clinicians who can hold them, and adds up exactly', () => {
    expect(shareOpenEpisodes(42, [{ holders: 8, patients: 1000 }, { holders: 4, patients: 1000 }])).toEqual([28, 14]);
    const shares = shareOpenEpisodes(20_000, Array.from({ length: 20 }, (_, i) => ({ holders: 10 + i, patients: 100_000 })));
    expect(shares.reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(shares[19]!).toBeGreaterThan(shares[0]!);
  });

  it('gives a team no more than its patients allow, passing the rest on', () => {
    const shares = shareOpenEpisodes(1000, [{ holders: 10, patients: 146 }, { holders: 10, patients: 5000 }]);
    expect(shares[0]).toBe(maxOpenEpisodesFor(146));
    expect(referralsInPlan(planTeamEpisodes(shares[0]!))).toBeLessThanOrEqual(146);
    expect(shares[0]! + shares[1]!).toBe(1000);
    expect(shareOpenEpisodes(1000, [{ holders: 1, patients: 100 }])).toEqual([maxOpenEpisodesFor(100)]);
  });

  it('plans the mix of a team', () => {
    const plan = planTeamEpisodes(1000);
    expect(plan.waitingUnallocated + plan.waitingAllocated + plan.active + plan.onHold).toBe(1000);
    expect(plan.discharged).toBe(Math.round(1000 * defaultEpisodeMix.dischargedPerOpen));
    expect(referralsInPlan(planTeamEpisodes(0))).toBe(0);
  });
});

describe('scale teams', () => {
  const { teams: scale, staff } = generateScaleTeams({ seed: 1, count: 18, clinicians: 40 });

  it('are distinct teams with unique emails, a clinical lead and holders of both professions', () => {
    expect(new Set(scale.map((t) => t.name)).size).toBe(18);
    expect(new Set(staff.map((s) => s.email)).size).toBe(staff.length);
    for (const t of scale) {
      const members = staff.filter((s) => s.teamKey === t.key);
      expect(members.filter((s) => s.homewardRole !== 'administrator')).toHaveLength(40);
      expect(members.some((s) => s.homewardRole === 'clinical-lead')).toBe(true);
      expect(members.some((s) => s.homewardRole === 'registered-therapist' && s.profession === 'OT' && s.skills.includes('hoist-competent'))).toBe(true);
      expect(members.some((s) => s.homewardRole === 'registered-therapist' && s.profession === 'PT')).toBe(true);
    }
    expect(generateScaleTeams({ seed: 1, count: 18, clinicians: 40 })).toEqual({ teams: scale, staff });
  });

  it('are sized for caseloads of about 25', () => {
    expect(cliniciansPerScaleTeam(20_000, 20)).toBe(48);
    expect(cliniciansPerScaleTeam(100, 20)).toBe(5);
  });
});

describe('helpers', () => {
  it('reads the UK hour across the clock changes', () => {
    expect(ukHourOf(Date.parse('2026-01-15T09:30:00Z'))).toBe(9);
    expect(ukHourOf(Date.parse('2026-07-15T09:30:00Z'))).toBe(10);
    expect(ukHourOf(Date.parse('2026-03-29T00:30:00Z'))).toBe(0);
    expect(ukHourOf(Date.parse('2026-03-29T01:30:00Z'))).toBe(2);
    expect(ukHourOf(Date.parse('2026-10-25T00:30:00Z'))).toBe(1);
    expect(ukHourOf(Date.parse('2026-10-25T01:30:00Z'))).toBe(1);
  });

  it('makes time-ordered UUIDv7s from the seed', () => {
    const random = createRandom(1);
    const a = seededUuidV7(Date.parse('2026-01-01T00:00:00Z'), random);
    const b = seededUuidV7(Date.parse('2026-01-01T00:00:01Z'), random);
    expect(a < b).toBe(true);
    expect(a.slice(0, 13)).toBe(`${Date.parse('2026-01-01T00:00:00Z').toString(16).padStart(12, '0').slice(0, 8)}-${Date.parse('2026-01-01T00:00:00Z').toString(16).padStart(12, '0').slice(8)}`);
  });
});
