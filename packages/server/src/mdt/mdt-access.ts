// Who may see and run a team's MDT meetings. A meeting names the team's patients, so it is for the
// staff who see the whole team's caseload (caseload's team-list rule: assistant practitioners,
// registered therapists, clinical leads, service managers, in that team); refusals are audited there.
// What is said or decided about one patient is written through that patient's access grant.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { notFound } from '../platform/homeward-error.ts';
import { authorisePatientAccess, type WriteGrant, requireWriteGrant } from '../access/public.ts';
import { authoriseTeamList } from '../caseload/public.ts';
import { findMeeting, type MdtMeeting } from './mdt-queries.ts';

export const mdtRecordKind = 'mdt-meeting';

export type MdtTeamAccess = { actor: Actor; teamId: string };
export type MeetingAccess = MdtTeamAccess & { meeting: MdtMeeting };

/** The actor's own team's meetings. */
export async function authoriseMdtTeam(db: Kysely<Database>, o: { actor: Actor }): Promise<MdtTeamAccess> {
  const list = await authoriseTeamList(db, { actor: o.actor, recordKind: mdtRecordKind, showsTeamPatients: true });
  return { actor: o.actor, teamId: list.teamId };
}

/** One meeting, for its own team (404 when there is none; another team's is refused and audited). */
export async function authoriseMeeting(db: Kysely<Database>, o: { actor: Actor; meetingId: string }): Promise<MeetingAccess> {
  const meeting = await findMeeting(db, o.meetingId);
  if (!meeting) throw notFound('MDT meeting');
  const list = await authoriseTeamList(db, { actor: o.actor, recordKind: mdtRecordKind, teamId: meeting.teamId, showsTeamPatients: true });
  return { actor: o.actor, teamId: list.teamId, meeting };
}

/** A write about one patient at the meeting (a discussion, a decision, an action): their record's write grant. */
export async function authoriseMdtPatientWrite(db: Kysely<Database>, o: { access: MdtTeamAccess; patientId: string; episodeId: string; recordKind: string }): Promise<WriteGrant> {
  const grant = await authorisePatientAccess(db, { actor: o.access.actor, patientId: o.patientId, action: 'write', recordKind: o.recordKind, record: { id: o.episodeId, teamId: o.access.teamId } });
  return requireWriteGrant(grant);
}
