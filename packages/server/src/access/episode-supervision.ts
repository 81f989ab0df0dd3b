// Support workers and students working on an episode under supervision. A supervisor of the team (the
// rule is packages/clinical, episode-supervision.ts) records "works on this episode with me", which is
// one of the facts that give a support worker or student a relationship to the patient; ending it
// takes that away (unless they hold delegated work or have written a note on the episode). Both are
// version-checked writes, audited in the same transaction.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { actorOf } from '../platform/actor.ts';
import { checkSupervision, maySupervise, type HomewardRole } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError, notFound, validationFailed, versionConflict } from '../platform/homeward-error.ts';
import { audit } from '../platform/request-context.ts';
import { authorisePatientAccess, auditReason, type PatientAccessGrant } from './authorise-patient-access.ts';

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
export type SupervisionAccess = { episode: EpisodeForSupervision; grant: PatientAccessGrant; reason: string | null };

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

/** Reading who works on an episode is part of the episode's record (another team's: break-glass). */
export async function authoriseSupervisionRead(request: FastifyRequest, episode: EpisodeForSupervision): Promise<SupervisionAccess> {
  const grant = await authorisePatientAccess(request.server.db, { actor: actorOf(request), patientId: episode.patientId, action: 'read', recordKind: supervisionRecordKind, record: { id: episode.id, teamId: episode.teamId } });
  return { episode, grant, reason: auditReason(grant) };
}

/** Recording or ending supervision: access to the episode, and a role that supervises someone. */
export async function authoriseSupervisionWrite(request: FastifyRequest, episode: EpisodeForSupervision): Promise<SupervisionAccess> {
  const grant = await authorisePatientAccess(request.server.db, { actor: actorOf(request), patientId: episode.patientId, action: 'write', recordKind: supervisionRecordKind, record: { id: episode.id, teamId: episode.teamId } });
  if (!maySupervise(grant.staff.role)) {
    await audit(request, { action: 'write', outcome: 'refused', patientId: episode.patientId, recordKind: supervisionRecordKind, recordId: episode.id, detail: { rule: 'supervisor-role' } });
    throw new HomewardError('forbidden', 'Only assistant practitioners, registered therapists and clinical leads supervise support workers and students on an episode');
  }
  return { episode, grant, reason: auditReason(grant) };
}

export async function auditSupervisionRead(request: FastifyRequest, access: SupervisionAccess, ids: readonly string[]): Promise<void> {
  await audit(request, {
    action: 'read',
    outcome: 'allowed',
    patientId: access.episode.patientId,
    recordKind: supervisionRecordKind,
    recordId: access.episode.id,
    reason: access.reason,
    detail: { basis: access.grant.basis, supervisionIds: ids },
  });
}

export type StartSupervisionOptions = { access: SupervisionAccess; id: string; staffId: string };

/** Checks before anything is written; a rule broken is audited and reported on the field. */
export async function checkStartSupervision(request: FastifyRequest, db: Kysely<Database>, o: StartSupervisionOptions): Promise<void> {
  const principal = o.access.grant.staff;
  const staff = await db.selectFrom('staff').select(['id', 'given_name', 'family_name', 'homeward_role', 'team_id', 'active']).where('id', '=', o.staffId).executeTakeFirst();
  const decision = checkSupervision({
    supervisorRole: principal.role,
    supervisee: staff ? { name: `${staff.given_name} ${staff.family_name}`, role: staff.homeward_role as HomewardRole, active: staff.active, inEpisodeTeam: staff.team_id === o.access.episode.teamId } : null,
    episodeDischarged: o.access.episode.status === 'discharged',
  });
  if (!decision.allowed) {
    await audit(request, { action: 'write', outcome: 'refused', patientId: o.access.episode.patientId, recordKind: supervisionRecordKind, recordId: o.access.episode.id, detail: { rule: decision.rule, staffId: o.staffId } });
    throw validationFailed([{ path: decision.path, message: decision.message }]);
  }
}

export async function startSupervision(request: FastifyRequest, trx: Kysely<Database>, o: StartSupervisionOptions): Promise<SupervisionResponse> {
  const principal = o.access.grant.staff;
  const now = request.server.config.now();
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
  await audit(
    request,
    { action: 'write', outcome: 'allowed', patientId: o.access.episode.patientId, recordKind: supervisionRecordKind, recordId: o.id, reason: o.access.reason, detail: { change: 'started', episodeId: o.access.episode.id, staffId: o.staffId, basis: o.access.grant.basis } },
    trx,
  );
  return (await findSupervision(trx, o.id))!;
}

export type EndSupervisionOptions = { access: SupervisionAccess; supervision: SupervisionResponse; expectedVersion: number };

export async function endSupervision(request: FastifyRequest, trx: Kysely<Database>, o: EndSupervisionOptions): Promise<SupervisionResponse> {
  const principal = o.access.grant.staff;
  const now = request.server.config.now();
  // Ended since it was read: a stale write, answered as every other (409 with what it is now). Ending
  // one that the sender already knew was ended is a mistake in the request, said on the field.
  if (o.supervision.endedAt && o.supervision.version !== o.expectedVersion) throw versionConflict(o.supervision, { patientId: o.access.episode.patientId });
  if (o.supervision.endedAt) throw validationFailed([{ path: 'version', message: `${o.supervision.staff.name} has already stopped working on this episode` }]);
  const updated = await trx
    .updateTable('episode_supervisions')
    .set((eb) => ({ ended_at: now, ended_by: principal.staffId, version: eb('version', '+', 1), updated_at: now, updated_by: principal.staffId }))
    .where('id', '=', o.supervision.id)
    .where('version', '=', o.expectedVersion)
    .where('ended_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!updated) {
    const current = await findSupervision(trx, o.supervision.id);
    if (!current) throw notFound('Supervision');
    throw versionConflict(current, { patientId: o.access.episode.patientId });
  }
  await audit(
    request,
    { action: 'write', outcome: 'allowed', patientId: o.access.episode.patientId, recordKind: supervisionRecordKind, recordId: o.supervision.id, reason: o.access.reason, detail: { change: 'ended', episodeId: o.access.episode.id, staffId: o.supervision.staff.id, basis: o.access.grant.basis } },
    trx,
  );
  return (await findSupervision(trx, o.supervision.id))!;
}
