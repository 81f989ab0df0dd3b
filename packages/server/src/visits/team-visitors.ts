// The people a visit may be pinned to, or who may be a patient's preferred clinician: the team's
// active clinical staff, support workers and students included (they visit too).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { listTeamClinicians } from '../caseload/public.ts';

export type TeamVisitor = { id: string; name: string; role: string };

export async function listTeamVisitors(db: Kysely<Database>, teamId: string): Promise<TeamVisitor[]> {
  return (await listTeamClinicians(db, teamId, { includeSupportWorkers: true })).map((s) => ({ id: s.id, name: s.name, role: s.role }));
}

export async function teamVisitorIds(db: Kysely<Database>, teamId: string): Promise<Set<string>> {
  return new Set((await listTeamVisitors(db, teamId)).map((s) => s.id));
}
