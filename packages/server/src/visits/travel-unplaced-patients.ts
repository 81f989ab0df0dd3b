// The team's patients nobody has placed on the map: their visits cannot be planned (the planner
// reports them as 'no-location') and their caseload weight counts a fixed travel time. The visits
// page lists them, each with the way to place them (/patients/:id/place). The caller audits the list.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export type UnplacedPatient = {
  patientId: string;
  nhsNumber: string;
  givenName: string;
  familyName: string;
  postcode: string;
  /** The team's open episodes of theirs: what the list's audit names. */
  episodeIds: string[];
};

/** Patients with an open episode in the team and no coordinates, by family name. */
export async function listUnplacedPatients(db: Kysely<Database>, o: { teamId: string }): Promise<UnplacedPatient[]> {
  const rows = await db
    .selectFrom('episodes')
    .innerJoin('patients', 'patients.id', 'episodes.patient_id')
    .select(['patients.id', 'patients.nhs_number', 'patients.given_name', 'patients.family_name', 'patients.postcode', 'episodes.id as episode_id'])
    .where('episodes.team_id', '=', o.teamId)
    // Written out so the planner can use episodes_team_open_idx, as the caseload's queries do.
    .where('episodes.status', '<>', 'discharged')
    .where((eb) => eb.or([eb('patients.latitude', 'is', null), eb('patients.longitude', 'is', null)]))
    .orderBy('patients.family_name')
    .orderBy('patients.given_name')
    .orderBy('patients.id')
    .orderBy('episodes.id')
    .execute();
  const byPatient = new Map<string, UnplacedPatient>();
  for (const r of rows) {
    const known = byPatient.get(r.id);
    if (known) known.episodeIds.push(r.episode_id);
    else byPatient.set(r.id, { patientId: r.id, nhsNumber: r.nhs_number, givenName: r.given_name, familyName: r.family_name, postcode: r.postcode, episodeIds: [r.episode_id] });
  }
  return [...byPatient.values()];
}
