// Reading incidents, their handler's log and their actions, in camelCase. Who may read what is
// incident-access.ts; these queries name no patient (an incident carries only the patient's id, shown
// through the reader's own grant).
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, IncidentsTable } from '../db/schema.ts';

export type Incident = {
  id: string;
  reference: string;
  version: number;
  kind: 'incident' | 'near-miss';
  occurredAt: Date;
  locationKind: IncidentsTable['location_kind'];
  location: string;
  category: string;
  whatHappened: string;
  immediateActions: string;
  affected: IncidentsTable['affected'];
  physicalHarm: IncidentsTable['physical_harm'];
  psychologicalHarm: 'none' | 'low' | 'moderate' | 'severe';
  patientId: string | null;
  episodeId: string | null;
  teamId: string | null;
  reporterId: string;
  reporterName: string;
  /** The reporter's role (LFPSE asks it); not shown when they are anonymous. */
  reporterRole: string;
  reporterAnonymous: boolean;
  sourceKind: 'lone-working' | 'equipment' | null;
  sourceId: string | null;
  status: 'reported' | 'under-review' | 'closed';
  handlerId: string | null;
  handlerName: string | null;
  investigationLevel: IncidentsTable['investigation_level'];
  confirmedPhysicalHarm: IncidentsTable['confirmed_physical_harm'];
  findings: string | null;
  learning: string | null;
  outcomeForReporter: string | null;
  closedAt: Date | null;
  outcomeSeenAt: Date | null;
  createdAt: Date;
};

export type IncidentUpdate = { id: string; kind: 'triaged' | 'note' | 'closed' | 'reopened'; note: string; at: Date; byName: string };

export type IncidentAction = {
  id: string;
  version: number;
  incidentId: string;
  incidentReference: string;
  action: string;
  ownerId: string;
  ownerName: string;
  dueOn: string;
  status: 'open' | 'done';
  doneAt: Date | null;
};

const selectIncidents = (db: Kysely<Database>) =>
  db
    .selectFrom('incidents')
    .innerJoin('staff as reporter', 'reporter.id', 'incidents.reporter_id')
    .leftJoin('staff as handler', 'handler.id', 'incidents.handler_id')
    .selectAll('incidents')
    .select([sql<string>`reporter.given_name || ' ' || reporter.family_name`.as('reporter_name'), 'reporter.homeward_role as reporter_role', sql<string | null>`handler.given_name || ' ' || handler.family_name`.as('handler_name')]);

type Row = Selectable<IncidentsTable> & { reporter_name: string; reporter_role: string; handler_name: string | null };

const toIncident = (r: Row): Incident => ({
  id: r.id, reference: r.reference, version: r.version, kind: r.kind, occurredAt: new Date(r.occurred_at), locationKind: r.location_kind, location: r.location,
  category: r.category, whatHappened: r.what_happened, immediateActions: r.immediate_actions, affected: r.affected, physicalHarm: r.physical_harm,
  psychologicalHarm: r.psychological_harm, patientId: r.patient_id, episodeId: r.episode_id, teamId: r.team_id, reporterId: r.reporter_id,
  reporterName: r.reporter_name, reporterRole: r.reporter_role, reporterAnonymous: r.reporter_anonymous, sourceKind: r.source_kind, sourceId: r.source_id, status: r.status,
  handlerId: r.handler_id, handlerName: r.handler_name, investigationLevel: r.investigation_level, confirmedPhysicalHarm: r.confirmed_physical_harm,
  findings: r.findings, learning: r.learning, outcomeForReporter: r.outcome_for_reporter, closedAt: r.closed_at ? new Date(r.closed_at) : null,
  outcomeSeenAt: r.outcome_seen_at ? new Date(r.outcome_seen_at) : null, createdAt: new Date(r.created_at),
});

export async function findIncident(db: Kysely<Database>, id: string): Promise<Incident | undefined> {
  const row = await selectIncidents(db).where('incidents.id', '=', id).executeTakeFirst();
  return row ? toIncident(row) : undefined;
}

/**
 * A team's incidents (null: those with no team; `withNoTeam`: those too, for a service manager, who
 * handles them), open ones first, newest first within each.
 */
export async function listTeamIncidents(db: Kysely<Database>, o: { teamId: string | null; withNoTeam?: boolean; status?: Incident['status'] | 'open' }): Promise<Incident[]> {
  let q = selectIncidents(db);
  const teamId = o.teamId;
  q = teamId === null ? q.where('incidents.team_id', 'is', null)
    : o.withNoTeam ? q.where((eb) => eb.or([eb('incidents.team_id', '=', teamId), eb('incidents.team_id', 'is', null)]))
      : q.where('incidents.team_id', '=', teamId);
  if (o.status === 'open') q = q.where('incidents.status', '<>', 'closed');
  else if (o.status) q = q.where('incidents.status', '=', o.status);
  const rows = await q.orderBy('incidents.occurred_at', 'desc').orderBy('incidents.id', 'desc').execute();
  const all = rows.map((r) => toIncident(r));
  return [...all.filter((i) => i.status !== 'closed'), ...all.filter((i) => i.status === 'closed')];
}

/** What one person reported, newest first. */
export async function listReportedBy(db: Kysely<Database>, reporterId: string): Promise<Incident[]> {
  const rows = await selectIncidents(db).where('incidents.reporter_id', '=', reporterId).orderBy('incidents.created_at', 'desc').orderBy('incidents.id', 'desc').execute();
  return rows.map((r) => toIncident(r));
}

/** Closed reports whose outcome the reporter has not opened yet. */
export async function listUnseenOutcomes(db: Kysely<Database>, reporterId: string): Promise<Array<{ id: string; reference: string; closedAt: Date }>> {
  const rows = await db
    .selectFrom('incidents')
    .select(['id', 'reference', 'closed_at'])
    .where('reporter_id', '=', reporterId)
    .where('status', '=', 'closed')
    .where('outcome_seen_at', 'is', null)
    .orderBy('closed_at')
    .execute();
  return rows.map((r) => ({ id: r.id, reference: r.reference, closedAt: new Date(r.closed_at!) }));
}

export async function listIncidentUpdates(db: Kysely<Database>, incidentId: string): Promise<IncidentUpdate[]> {
  const rows = await db
    .selectFrom('incident_updates')
    .innerJoin('staff', 'staff.id', 'incident_updates.created_by')
    .select(['incident_updates.id', 'incident_updates.kind', 'incident_updates.note', 'incident_updates.created_at', sql<string>`staff.given_name || ' ' || staff.family_name`.as('name')])
    .where('incident_updates.incident_id', '=', incidentId)
    .orderBy('incident_updates.created_at')
    .orderBy('incident_updates.id')
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, note: r.note, at: new Date(r.created_at), byName: r.name }));
}

export async function listIncidentActions(db: Kysely<Database>, o: { incidentId?: string; ownerId?: string; id?: string; openOnly?: boolean }): Promise<IncidentAction[]> {
  let q = db
    .selectFrom('incident_actions')
    .innerJoin('incidents', 'incidents.id', 'incident_actions.incident_id')
    .innerJoin('staff', 'staff.id', 'incident_actions.owner_id')
    .selectAll('incident_actions')
    .select(['incidents.reference', sql<string>`staff.given_name || ' ' || staff.family_name`.as('owner_name')]);
  if (o.incidentId) q = q.where('incident_actions.incident_id', '=', o.incidentId);
  if (o.ownerId) q = q.where('incident_actions.owner_id', '=', o.ownerId);
  if (o.id) q = q.where('incident_actions.id', '=', o.id);
  if (o.openOnly) q = q.where('incident_actions.status', '=', 'open');
  const rows = await q.orderBy('incident_actions.due_on').orderBy('incident_actions.id').execute();
  return rows.map((r) => ({
    id: r.id, version: r.version, incidentId: r.incident_id, incidentReference: r.reference, action: r.action, ownerId: r.owner_id, ownerName: r.owner_name,
    dueOn: r.due_on, status: r.status, doneAt: r.done_at ? new Date(r.done_at) : null,
  }));
}

/** The people a handler may give an action to: the team's active staff who may report (everyone but the privacy officer). */
export async function listActionOwners(db: Kysely<Database>, teamId: string | null): Promise<Array<{ id: string; name: string; role: string }>> {
  if (teamId === null) return [];
  return db.selectFrom('staff').select(['id', sql<string>`given_name || ' ' || family_name`.as('name'), 'homeward_role as role']).where('team_id', '=', teamId).where('active', '=', true).where('homeward_role', '<>', 'privacy-officer').orderBy('family_name').orderBy('given_name').execute();
}
