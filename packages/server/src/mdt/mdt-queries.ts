// Reading MDT meetings, their attendees, agenda and actions, in the shapes the pages and the API show.
// Reads only: who may see them is decided by mdt-access.ts before any of these is called.
import type { Kysely } from 'kysely';
import { mdtAgendaReasons, ukDateOf, type MdtAgendaReason } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';

export type MdtMeeting = {
  id: string;
  version: number;
  teamId: string;
  startsAt: Date;
  place: string;
  chair: { id: string; name: string } | null;
  status: 'scheduled' | 'held' | 'cancelled';
};

export type MdtAttendee = { id: string; staffId: string | null; name: string; role: string };

export type MdtAgendaItem = {
  id: string;
  version: number;
  meetingId: string;
  episodeId: string;
  patient: { id: string; nhsNumber: string; givenName: string; familyName: string };
  reasons: MdtAgendaReason[];
  position: number;
  discussion: string | null;
  decision: string | null;
  discussedAt: Date | null;
  discussedBy: string | null;
};

export type MdtAction = {
  id: string;
  version: number;
  meetingId: string;
  meetingStartsAt: Date;
  /** The team whose meeting agreed it (an owner who has moved team no longer sees that team's patients). */
  meetingTeamId: string;
  agendaItemId: string | null;
  episodeId: string | null;
  patient: { id: string; givenName: string; familyName: string; nhsNumber: string } | null;
  action: string;
  owner: { id: string; name: string };
  dueOn: string;
  status: 'open' | 'closed';
  closedAt: Date | null;
  closingNote: string | null;
};

const dateOnly = (v: string | Date) => (v instanceof Date ? ukDateOf(v) : String(v).slice(0, 10));
const reasonsOf = (v: unknown): MdtAgendaReason[] => (Array.isArray(v) ? v.filter((r): r is MdtAgendaReason => (mdtAgendaReasons as readonly string[]).includes(r)) : []);

function meetingQuery(db: Kysely<Database>) {
  return db
    .selectFrom('mdt_meetings')
    .leftJoin('staff', 'staff.id', 'mdt_meetings.chair_id')
    .select(['mdt_meetings.id', 'mdt_meetings.version', 'mdt_meetings.team_id', 'mdt_meetings.starts_at', 'mdt_meetings.place', 'mdt_meetings.chair_id', 'mdt_meetings.status', 'staff.given_name', 'staff.family_name']);
}

function toMeeting(r: Awaited<ReturnType<ReturnType<typeof meetingQuery>['execute']>>[number]): MdtMeeting {
  return {
    id: r.id, version: r.version, teamId: r.team_id, startsAt: new Date(r.starts_at), place: r.place,
    chair: r.chair_id ? { id: r.chair_id, name: `${r.given_name} ${r.family_name}` } : null, status: r.status,
  };
}

export async function findMeeting(db: Kysely<Database>, id: string): Promise<MdtMeeting | null> {
  const r = await meetingQuery(db).where('mdt_meetings.id', '=', id).executeTakeFirst();
  return r ? toMeeting(r) : null;
}

/** The team's meetings, newest first (the last 60: a little over two years of fortnightly meetings). */
export async function listMeetings(db: Kysely<Database>, o: { teamId: string }): Promise<MdtMeeting[]> {
  const rows = await meetingQuery(db).where('mdt_meetings.team_id', '=', o.teamId).orderBy('mdt_meetings.starts_at', 'desc').orderBy('mdt_meetings.id').limit(60).execute();
  return rows.map(toMeeting);
}

export async function listAttendees(db: Kysely<Database>, meetingId: string): Promise<MdtAttendee[]> {
  const rows = await db
    .selectFrom('mdt_attendees')
    .leftJoin('staff', 'staff.id', 'mdt_attendees.staff_id')
    .select(['mdt_attendees.id', 'mdt_attendees.staff_id', 'mdt_attendees.name', 'mdt_attendees.role', 'staff.given_name', 'staff.family_name', 'staff.homeward_role'])
    .where('mdt_attendees.meeting_id', '=', meetingId)
    .orderBy('mdt_attendees.created_at')
    .orderBy('mdt_attendees.id')
    .execute();
  return rows.map((r) => ({ id: r.id, staffId: r.staff_id, name: r.staff_id ? `${r.given_name} ${r.family_name}` : (r.name ?? ''), role: r.role || (r.homeward_role ?? '') }));
}

function agendaQuery(db: Kysely<Database>) {
  return db
    .selectFrom('mdt_agenda_items')
    .innerJoin('patients', 'patients.id', 'mdt_agenda_items.patient_id')
    .select([
      'mdt_agenda_items.id', 'mdt_agenda_items.version', 'mdt_agenda_items.meeting_id', 'mdt_agenda_items.episode_id', 'mdt_agenda_items.reasons', 'mdt_agenda_items.position',
      'mdt_agenda_items.discussion', 'mdt_agenda_items.decision', 'mdt_agenda_items.discussed_at', 'mdt_agenda_items.discussed_by',
      'patients.id as patient_id', 'patients.nhs_number', 'patients.given_name', 'patients.family_name',
    ]);
}

function toAgendaItem(r: Awaited<ReturnType<ReturnType<typeof agendaQuery>['execute']>>[number]): MdtAgendaItem {
  return {
    id: r.id, version: r.version, meetingId: r.meeting_id, episodeId: r.episode_id,
    patient: { id: r.patient_id, nhsNumber: r.nhs_number, givenName: r.given_name, familyName: r.family_name },
    reasons: reasonsOf(r.reasons), position: r.position, discussion: r.discussion, decision: r.decision,
    discussedAt: r.discussed_at ? new Date(r.discussed_at) : null, discussedBy: r.discussed_by,
  };
}

export async function listAgenda(db: Kysely<Database>, meetingId: string): Promise<MdtAgendaItem[]> {
  const rows = await agendaQuery(db).where('mdt_agenda_items.meeting_id', '=', meetingId).orderBy('mdt_agenda_items.position').execute();
  return rows.map(toAgendaItem);
}

/** An agenda item by its own id (for the loader a URL names: the episode it is about is then authorised). */
export async function findAgendaItem(db: Kysely<Database>, id: string): Promise<MdtAgendaItem | null> {
  const r = await agendaQuery(db).where('mdt_agenda_items.id', '=', id).executeTakeFirst();
  return r ? toAgendaItem(r) : null;
}

export type ActionsWhere = { meetingId?: string; ownerId?: string; teamId?: string; episodeId?: string; id?: string; openOnly?: boolean; before?: Date };

export async function listActions(db: Kysely<Database>, o: ActionsWhere): Promise<MdtAction[]> {
  let q = db
    .selectFrom('mdt_actions')
    .innerJoin('mdt_meetings', 'mdt_meetings.id', 'mdt_actions.meeting_id')
    .innerJoin('staff', 'staff.id', 'mdt_actions.owner_id')
    .leftJoin('patients', 'patients.id', 'mdt_actions.patient_id')
    .select([
      'mdt_actions.id', 'mdt_actions.version', 'mdt_actions.meeting_id', 'mdt_meetings.starts_at', 'mdt_meetings.team_id as meeting_team_id', 'mdt_actions.agenda_item_id', 'mdt_actions.episode_id',
      'mdt_actions.action', 'mdt_actions.owner_id', 'staff.given_name as owner_given_name', 'staff.family_name as owner_family_name',
      'mdt_actions.due_on', 'mdt_actions.status', 'mdt_actions.closed_at', 'mdt_actions.closing_note',
      'patients.id as patient_id', 'patients.given_name', 'patients.family_name', 'patients.nhs_number',
    ]);
  if (o.id) q = q.where('mdt_actions.id', '=', o.id);
  if (o.meetingId) q = q.where('mdt_actions.meeting_id', '=', o.meetingId);
  if (o.ownerId) q = q.where('mdt_actions.owner_id', '=', o.ownerId);
  if (o.teamId) q = q.where('mdt_meetings.team_id', '=', o.teamId);
  if (o.episodeId) q = q.where('mdt_actions.episode_id', '=', o.episodeId);
  if (o.openOnly) q = q.where('mdt_actions.status', '=', 'open');
  if (o.before) q = q.where('mdt_meetings.starts_at', '<', o.before);
  const rows = await q.orderBy('mdt_actions.due_on').orderBy('mdt_actions.id').execute();
  return rows.map((r) => ({
    id: r.id, version: r.version, meetingId: r.meeting_id, meetingStartsAt: new Date(r.starts_at), meetingTeamId: r.meeting_team_id, agendaItemId: r.agenda_item_id, episodeId: r.episode_id,
    patient: r.patient_id ? { id: r.patient_id, givenName: r.given_name!, familyName: r.family_name!, nhsNumber: r.nhs_number! } : null,
    action: r.action, owner: { id: r.owner_id, name: `${r.owner_given_name} ${r.owner_family_name}` }, dueOn: dateOnly(r.due_on),
    status: r.status, closedAt: r.closed_at ? new Date(r.closed_at) : null, closingNote: r.closing_note,
  }));
}

/** The team's staff who may sit in a meeting and own its actions: the roles that see the team's patients. */
export async function listMeetingStaff(db: Kysely<Database>, o: { teamId: string; roles: readonly string[] }): Promise<Array<{ id: string; name: string; role: string }>> {
  const rows = await db
    .selectFrom('staff')
    .select(['id', 'given_name', 'family_name', 'homeward_role'])
    .where('team_id', '=', o.teamId)
    .where('active', '=', true)
    .where('homeward_role', 'in', [...o.roles])
    .orderBy('family_name')
    .orderBy('given_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: `${r.given_name} ${r.family_name}`, role: r.homeward_role }));
}
