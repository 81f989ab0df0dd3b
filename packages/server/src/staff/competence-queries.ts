// Reading staff competences. Rows are snake_case; everything leaving this file is camelCase.
import type { Kysely } from 'kysely';
import { recordableCompetenceLabel, type HomewardRole, type RecordedCompetence } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { CompetenceResponse } from './competence-schema.ts';

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();
const dateOnly = (value: Date | string) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

function selectCompetences(db: Kysely<Database>) {
  return db
    .selectFrom('staff_competences as c')
    .innerJoin('staff as holder', 'holder.id', 'c.staff_id')
    .innerJoin('staff as recorder', 'recorder.id', 'c.recorded_by')
    .leftJoin('staff as withdrawer', 'withdrawer.id', 'c.withdrawn_by')
    .selectAll('c')
    .select([
      'holder.given_name as holder_given',
      'holder.family_name as holder_family',
      'holder.homeward_role as holder_role',
      'recorder.given_name as recorder_given',
      'recorder.family_name as recorder_family',
      'withdrawer.given_name as withdrawer_given',
      'withdrawer.family_name as withdrawer_family',
      'withdrawer.homeward_role as withdrawer_role',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectCompetences>['executeTakeFirstOrThrow']>>;

function toResponse(r: Row): CompetenceResponse {
  return {
    id: r.id,
    version: r.version,
    staff: { id: r.staff_id, name: `${r.holder_given} ${r.holder_family}`, role: r.holder_role },
    competence: r.competence,
    competenceLabel: recordableCompetenceLabel(r.competence),
    assessedOn: dateOnly(r.assessed_on),
    note: r.note,
    evidence: r.evidence,
    expiresOn: r.expires_on === null ? null : dateOnly(r.expires_on),
    recordedAt: iso(r.recorded_at),
    recordedBy: { id: r.recorded_by, name: `${r.recorder_given} ${r.recorder_family}`, role: r.recorded_by_role },
    current: r.withdrawn_at === null,
    withdrawnAt: r.withdrawn_at === null ? null : iso(r.withdrawn_at),
    withdrawnBy: r.withdrawn_by ? { id: r.withdrawn_by, name: `${r.withdrawer_given} ${r.withdrawer_family}`, role: r.withdrawer_role ?? '' } : null,
    withdrawnReason: r.withdrawn_reason,
  };
}

export async function findCompetence(db: Kysely<Database>, id: string): Promise<CompetenceResponse | null> {
  const row = await selectCompetences(db).where('c.id', '=', id).executeTakeFirst();
  return row ? toResponse(row) : null;
}

/** One person's competences, current first, then withdrawn; each group most recently recorded first. */
export async function listStaffCompetences(db: Kysely<Database>, staffId: string): Promise<CompetenceResponse[]> {
  const rows = await selectCompetences(db).where('c.staff_id', '=', staffId).orderBy('c.recorded_at', 'desc').execute();
  return rows.map(toResponse).sort((a, b) => Number(b.current) - Number(a.current));
}

/**
 * The competence ids a person holds on a day (not withdrawn, not expired). Inside a delegation's transaction
 * the rows are share-locked, so a withdrawal waits until the delegation that relied on them has committed.
 */
export async function currentCompetenceIds(db: Kysely<Database>, staffId: string, o: { onDay: string; lock?: boolean }): Promise<string[]> {
  let query = db
    .selectFrom('staff_competences')
    .select('competence')
    .where('staff_id', '=', staffId)
    .where('withdrawn_at', 'is', null)
    .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', o.onDay)]));
  if (o.lock) query = query.forShare();
  return (await query.execute()).map((r) => r.competence);
}

/**
 * Every competence recorded for these people (withdrawn and expired too: a recorded one decides whether an
 * older listed skill still counts; packages/clinical's heldSkills says what counts on a day).
 */
export async function recordedCompetencesOf(db: Kysely<Database>, staffIds: readonly string[]): Promise<Map<string, RecordedCompetence[]>> {
  const of = new Map<string, RecordedCompetence[]>(staffIds.map((id) => [id, []]));
  if (staffIds.length === 0) return of;
  const rows = await db.selectFrom('staff_competences').select(['staff_id', 'competence', 'withdrawn_at', 'expires_on']).where('staff_id', 'in', staffIds).execute();
  for (const r of rows) of.get(r.staff_id)?.push({ competence: r.competence, withdrawn: r.withdrawn_at !== null, expiresOn: r.expires_on === null ? null : dateOnly(r.expires_on) });
  return of;
}

export type ExpiringCompetence = { id: string; staffId: string; staffName: string; competence: string; label: string; expiresOn: string };

export type ListExpiringCompetencesOptions = { staffId?: string; teamId?: string; until: string };

/** Competences not withdrawn whose last day is on or before `until` (expired ones too, until signed off again), soonest first. */
export async function listExpiringCompetences(db: Kysely<Database>, o: ListExpiringCompetencesOptions): Promise<ExpiringCompetence[]> {
  let query = db
    .selectFrom('staff_competences as c')
    .innerJoin('staff as s', 's.id', 'c.staff_id')
    .select(['c.id', 'c.staff_id', 'c.competence', 'c.expires_on', 's.given_name', 's.family_name'])
    .where('c.withdrawn_at', 'is', null)
    .where('c.expires_on', 'is not', null)
    .where('c.expires_on', '<=', o.until)
    .where('s.active', '=', true);
  if (o.staffId !== undefined) query = query.where('c.staff_id', '=', o.staffId);
  if (o.teamId !== undefined) query = query.where('s.team_id', '=', o.teamId);
  const rows = await query.orderBy('c.expires_on').orderBy('s.family_name').execute();
  return rows.map((r) => ({ id: r.id, staffId: r.staff_id, staffName: `${r.given_name} ${r.family_name}`, competence: r.competence, label: recordableCompetenceLabel(r.competence), expiresOn: dateOnly(r.expires_on!) }));
}

export type CompetenceHolder = { id: string; name: string; givenName: string; role: HomewardRole; teamId: string | null; active: boolean };

export async function findCompetenceHolder(db: Kysely<Database>, staffId: string): Promise<CompetenceHolder | null> {
  const r = await db.selectFrom('staff').select(['id', 'given_name', 'family_name', 'homeward_role', 'team_id', 'active']).where('id', '=', staffId).executeTakeFirst();
  return r ? { id: r.id, name: `${r.given_name} ${r.family_name}`, givenName: r.given_name, role: r.homeward_role as HomewardRole, teamId: r.team_id, active: r.active } : null;
}

export type TeamCompetences = { staff: CompetenceHolder; competences: CompetenceResponse[] };

/** The team's active staff who see patients (every clinical role since issue 16), each with their competences. */
export async function listTeamCompetences(db: Kysely<Database>, teamId: string): Promise<TeamCompetences[]> {
  const people = await db
    .selectFrom('staff')
    .select(['id', 'given_name', 'family_name', 'homeward_role', 'team_id', 'active'])
    .where('team_id', '=', teamId)
    .where('active', '=', true)
    .where('homeward_role', 'in', ['support-worker', 'assistant-practitioner', 'registered-therapist', 'clinical-lead', 'student'])
    .orderBy('family_name')
    .orderBy('given_name')
    .execute();
  if (people.length === 0) return [];
  const rows = await selectCompetences(db).where('c.staff_id', 'in', people.map((p) => p.id)).orderBy('c.recorded_at', 'desc').execute();
  const all = rows.map(toResponse);
  return people.map((p) => ({
    staff: { id: p.id, name: `${p.given_name} ${p.family_name}`, givenName: p.given_name, role: p.homeward_role as HomewardRole, teamId: p.team_id, active: p.active },
    competences: all.filter((c) => c.staff.id === p.id).sort((a, b) => Number(b.current) - Number(a.current)),
  }));
}
