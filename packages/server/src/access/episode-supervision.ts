// Support workers and students working on an episode under supervision. A supervisor of the team (the
// rule is packages/clinical, episode-supervision.ts) records "works on this episode with me", which is
// one of the facts that give a support worker or student a relationship to the patient; ending it
// takes that away (unless they hold delegated work or have written a note on the episode). Both are
// version-checked writes, audited in the same transaction.
import type { Kysely } from 'kysely';
import { checkSupervision, maySupervise, type HomewardRole } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError, validationFailed, versionConflict } from '../platform/homeward-error.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { authorisePatientAccess, auditRead, auditWrite, type AccessGrant } from './authorise-patient-access.ts';

export const supervisionRecordKind = 'episode-supervision';

export type SupervisionResponse = {
  id: string;
  version: number;
  episodeId: string;
  patientId: string;
  staff: { id: string; name: string; role: string };
  supervisor: { id: string; name: string; role: string };
  startedAt: string;
  endedAt: string | null;
  endedBy: { id: string; name: string } | null;
};

export type EpisodeForSupervision = { id: string; patientId: string; teamId: string; status: string };
export type SupervisionAccess<A extends 'read' | 'write' = 'read' | 'write'> = { episode: EpisodeForSupervision; grant: AccessGrant<A>; reason: string | null };

export async function listSupervisions(db: Kysely<Database>, o: { episodeId?: string; id?: string }): Promise<SupervisionResponse[]> {
  let query = db
    .selectFrom('episode_supervisions as s')
    .innerJoin('staff as w', 'w.id', 's.staff_id')
    .innerJoin('staff as v', 'v.id', 's.supervisor_id')
    .leftJoin('staff as e', 'e.id', 's.ended_by')
    .select([
      's.id',
      's.version',
      's.episode_id',
      's.patient_id',
      's.started_at',
      's.ended_at',
      's.ended_by',
      'w.id as staff_id',
      'w.given_name as staff_given',
      'w.family_name as staff_family',
      'w.homeward_role as staff_role',
      'v.id as supervisor_id',
      'v.given_name as supervisor_given',
      'v.family_name as supervisor_family',
      'v.homeward_role as supervisor_role',
      'e.given_name as ended_given',
      'e.family_name as ended_family',
    ]);
  if (o.episodeId) query = query.where('s.episode_id', '=', o.episodeId);
  if (o.id) query = query.where('s.id', '=', o.id);
  const rows = await query.orderBy('s.started_at').orderBy('s.id').execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    episodeId: r.episode_id,
    patientId: r.patient_id,
    staff: { id: r.staff_id, name: `${r.staff_given} ${r.staff_family}`, role: r.staff_role },
    supervisor: { id: r.supervisor_id, name: `${r.supervisor_given} ${r.supervisor_family}`, role: r.supervisor_role },
    startedAt: new Date(r.started_at).toISOString(),
    endedAt: r.ended_at ? new Date(r.ended_at).toISOString() : null,
    endedBy: r.ended_by ? { id: r.ended_by, name: `${r.ended_given} ${r.ended_family}` } : null,
  }));
}

export async function findSupervision(db: Kysely<Database>, id: string): Promise<SupervisionResponse | null> {
  return (await listSupervisions(db, { id }))[0] ?? null;
}

export type AuthoriseSupervisionOptions = { actor: Actor; episode: EpisodeForSupervision };

/** Reading who works on an episode is part of the episode's record (another team's: break-glass). */
export async function authoriseSupervisionRead(db: Kysely<Database>, o: AuthoriseSupervisionOptions): Promise<SupervisionAccess<'read'>> {
  const { episode } = o;
  const grant = await authorisePatientAccess(db, { actor: o.actor, patientId: episode.patientId, action: 'read', recordKind: supervisionRecordKind, record: { id: episode.id, teamId: episode.teamId } });
  return { episode, grant, reason: grant.reason };
}

/** Recording or ending supervision: access to the episode, and a role that supervises someone. */
export async function authoriseSupervisionWrite(db: Kysely<Database>, o: AuthoriseSupervisionOptions): Promise<SupervisionAccess<'write'>> {
  const { episode } = o;
  const grant = await authorisePatientAccess(db, { actor: o.actor, patientId: episode.patientId, action: 'write', recordKind: supervisionRecordKind, record: { id: episode.id, teamId: episode.teamId } });
  if (!maySupervise(grant.staff.role)) {
    await auditAs(o.actor, db, { action: 'write', outcome: 'refused', patientId: episode.patientId, recordKind: supervisionRecordKind, recordId: episode.id, detail: { rule: 'supervisor-role' } });
    throw new HomewardError('forbidden', 'Only assistant practitioners, registered therapists and clinical leads supervise support workers and students on an episode');
  }
  return { episode, grant, reason: grant.reason };
}

export async function auditSupervisionRead(db: Kysely<Database>, access: SupervisionAccess, ids: readonly string[]): Promise<void> {
  await auditRead(access.grant, db, { recordKind: supervisionRecordKind, recordId: access.episode.id, detail: { supervisionIds: ids } });
}

export type StartSupervisionOptions = { access: SupervisionAccess<'write'>; id: string; staffId: string };

/** Checks before anything is written; a rule broken is audited and reported on the field. */
export async function checkStartSupervision(db: Kysely<Database>, o: StartSupervisionOptions): Promise<void> {
  const principal = o.access.grant.staff;
  const staff = await db.selectFrom('staff').select(['id', 'given_name', 'family_name', 'homeward_role', 'team_id', 'active']).where('id', '=', o.staffId).executeTakeFirst();
  const decision = checkSupervision({
    supervisorRole: principal.role,
    supervisee: staff ? { name: `${staff.given_name} ${staff.family_name}`, role: staff.homeward_role as HomewardRole, active: staff.active, inEpisodeTeam: staff.team_id === o.access.episode.teamId } : null,
    episodeDischarged: o.access.episode.status === 'discharged',
  });
  if (!decision.allowed) {
    await auditAs(o.access.grant.actor, db, { action: 'write', outcome: 'refused', patientId: o.access.episode.patientId, recordKind: supervisionRecordKind, recordId: o.access.episode.id, detail: { rule: decision.rule, staffId: o.staffId } });
    throw validationFailed([{ path: decision.path, message: decision.message }]);
  }
}

export async function startSupervision(trx: Kysely<Database>, o: StartSupervisionOptions): Promise<SupervisionResponse> {
  const principal = o.access.grant.staff;
  const now = o.access.grant.actor.now;
  if (await findSupervision(trx, o.id)) throw new HomewardError('duplicate', 'A supervision with this id already exists');
  const current = await trx.selectFrom('episode_supervisions').select('id').where('episode_id', '=', o.access.episode.id).where('staff_id', '=', o.staffId).where('ended_at', 'is', null).executeTakeFirst();
  if (current) {
    const existing = (await findSupervision(trx, current.id))!;
    throw new HomewardError('duplicate', `${existing.staff.name} already works on this episode, supervised by ${existing.supervisor.name}`, {
      fields: [{ path: 'staffId', message: `${existing.staff.name} already works on this episode` }],
      current: existing,
    });
  }
  await trx
    .insertInto('episode_supervisions')
    .values({
      id: o.id,
      episode_id: o.access.episode.id,
      patient_id: o.access.episode.patientId,
      staff_id: o.staffId,
      supervisor_id: principal.staffId,
      started_at: now,
      created_at: now,
      created_by: principal.staffId,
      updated_at: now,
      updated_by: principal.staffId,
    })
    .execute();
  await auditWrite(o.access.grant, trx, { recordKind: supervisionRecordKind, recordId: o.id, detail: { change: 'started', episodeId: o.access.episode.id, staffId: o.staffId } });
  return (await findSupervision(trx, o.id))!;
}

export type EndSupervisionOptions = { access: SupervisionAccess<'write'>; supervision: SupervisionResponse; version: number };

export async function endSupervision(trx: Kysely<Database>, o: EndSupervisionOptions): Promise<SupervisionResponse> {
  const actor = o.access.grant.actor;
  // Ended since it was read: a stale write, answered as every other (409 with what it is now). Ending
  // one that the sender already knew was ended is a mistake in the request, said on the field.
  if (o.supervision.endedAt && o.supervision.version !== o.version) throw versionConflict(o.supervision, { patientId: o.access.episode.patientId });
  if (o.supervision.endedAt) throw validationFailed([{ path: 'version', message: `${o.supervision.staff.name} has already stopped working on this episode` }]);
  await updateVersioned(trx, {
    actor,
    table: 'episode_supervisions',
    id: o.supervision.id,
    version: o.version,
    only: { ended_at: null },
    set: { ended_at: actor.now, ended_by: actor.staff.staffId },
    current: () => findSupervision(trx, o.supervision.id),
    what: 'Supervision',
    patientId: o.access.episode.patientId,
  });
  await auditWrite(o.access.grant, trx, { recordKind: supervisionRecordKind, recordId: o.supervision.id, detail: { change: 'ended', episodeId: o.access.episode.id, staffId: o.supervision.staff.id } });
  return (await findSupervision(trx, o.supervision.id))!;
}
