// The access facts a query carried (the episode a route loads joins accessFactsQuery) are decided on
// without asking the database again only when relationship-queries.ts read them for this member of
// staff, this patient and this moment: facts made by hand, or read for someone or something else, are
// not taken (authorisePatientAccess reads them itself).
import { describe, expect, it } from 'vitest';
import { accessFactsOf, factsReadFor, type AccessFacts, type AccessFactsRow } from './relationship-queries.ts';

const staff = { staffId: '019a0000-0000-7000-8000-0000000000a1', teamId: '019a0000-0000-7000-8000-0000000000b1', role: 'registered-therapist' as const };
const patientId = '019a0000-0000-7000-8000-0000000000c1';
const now = new Date('2026-12-05T10:00:00Z');
const row = {
  patient_id: patientId, registered_team_id: staff.teamId, created_by: staff.staffId, created_at: new Date('2026-12-01T10:00:00Z'),
  glass_id: null, reason: null, detail: null, expires_at: null, team_incoming_referral: true, team_ever_referred: true, team_open_episode: false,
  team_last_discharged_on: null, own_open_episode: false, own_last_discharged_on: null, other_team_episodes: false,
} as unknown as AccessFactsRow;

describe('facts carried by another query', () => {
  it('are taken when read here for this member of staff, patient and moment', () => {
    const facts = accessFactsOf([row], staff, [patientId], now).get(patientId)!;
    expect(facts.hasRelationship).toBe(true);
    expect(factsReadFor(facts, { staffId: staff.staffId, patientId, now })).toBe(true);
  });

  it('are not taken for another member of staff, another patient or another moment', () => {
    const facts = accessFactsOf([row], staff, [patientId], now).get(patientId)!;
    expect(factsReadFor(facts, { staffId: '019a0000-0000-7000-8000-0000000000a2', patientId, now })).toBe(false);
    expect(factsReadFor(facts, { staffId: staff.staffId, patientId: '019a0000-0000-7000-8000-0000000000c2', now })).toBe(false);
    expect(factsReadFor(facts, { staffId: staff.staffId, patientId, now: new Date(now.getTime() + 1) })).toBe(false);
  });

  it('are not taken when made by hand, even as a copy of real ones', () => {
    const real = accessFactsOf([row], staff, [patientId], now).get(patientId)!;
    const forged: AccessFacts = { found: true, hasRelationship: true, relationship: real.relationship, hasOtherTeamEpisodes: false, breakGlass: null };
    expect(factsReadFor(forged, { staffId: staff.staffId, patientId, now })).toBe(false);
    expect(factsReadFor({ ...real }, { staffId: staff.staffId, patientId, now })).toBe(false);
  });

  it('gives each patient without a row facts of their own (none), not one shared object', () => {
    const other = '019a0000-0000-7000-8000-0000000000c3';
    const facts = accessFactsOf([], staff, [patientId, other], now);
    expect(facts.get(patientId)!.found).toBe(false);
    expect(facts.get(patientId)).not.toBe(facts.get(other));
    expect(factsReadFor(facts.get(other)!, { staffId: staff.staffId, patientId: other, now })).toBe(true);
    expect(factsReadFor(facts.get(other)!, { staffId: staff.staffId, patientId, now })).toBe(false);
  });
});
