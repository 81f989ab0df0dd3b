// Who may do what with an incident (issue 17 #1). Everyone but the privacy officer reports. The handlers
// are the clinical lead and service manager of the incident's team (the episode's, else the reporter's;
// a report with no team is the service managers'). The reporter always sees their own report and its
// outcome. Anyone else is told there is no such incident (404, so a report's existence is not confirmed)
// and the attempt is audited. A linked patient is only ever shown through the reader's own grant.
import type { Kysely } from 'kysely';
import { mayHandleIncidents, mayReportIncidents } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { authorisePatientAccess, auditRead, type ReadGrant, type WriteGrant, requireWriteGrant } from '../access/public.ts';
import { findEpisode } from '../caseload/public.ts';
import { findIncident, type Incident } from './incident-queries.ts';

export const incidentRecordKind = 'incident';

export type IncidentView = 'handler' | 'reporter';
export type IncidentAccess = { actor: Actor; incident: Incident; view: IncidentView };
/** `withNoTeam`: a service manager also handles the reports with no team (a reporter with no team). */
export type IncidentTeamAccess = { actor: Actor; teamId: string | null; withNoTeam: boolean };

async function refuse(actor: Actor, db: Kysely<Database>, o: { rule: string; recordId?: string | null; action?: 'read' | 'write' | 'export' }): Promise<void> {
  await auditAs(actor, db, { action: o.action ?? 'read', outcome: 'refused', recordKind: incidentRecordKind, recordId: o.recordId ?? null, detail: { rule: o.rule, route: actor.origin.via } });
}

/** Anyone who may report: everyone but the privacy officer (refused, audited). */
export async function authoriseIncidentReport(db: Kysely<Database>, o: { actor: Actor }): Promise<Actor> {
  if (!mayReportIncidents(o.actor.staff.role)) {
    await refuse(o.actor, db, { rule: 'role-may-not-report', action: 'write' });
    throw new HomewardError('forbidden', 'Privacy officers audit access to records and do not report incidents here');
  }
  return o.actor;
}

/** Whether this member of staff handles incidents of that team. */
export function handlesTeam(actor: Actor, teamId: string | null): boolean {
  const s = actor.staff;
  if (!mayHandleIncidents(s.role)) return false;
  return teamId === null ? s.role === 'service-manager' : s.teamId === teamId;
}

/** A handler's own team's incidents (the list, the LFPSE export). */
export async function authoriseIncidentTeam(db: Kysely<Database>, o: { actor: Actor; action?: 'read' | 'export' }): Promise<IncidentTeamAccess> {
  const s = o.actor.staff;
  if (!mayHandleIncidents(s.role)) {
    await refuse(o.actor, db, { rule: 'not-an-incident-handler', action: o.action ?? 'read' });
    throw new HomewardError('forbidden', 'Only clinical leads and service managers handle the team’s incidents. Your own reports are under “My reports”.');
  }
  return { actor: o.actor, teamId: s.teamId, withNoTeam: s.role === 'service-manager' };
}

/**
 * One incident: its handler sees all of it; its reporter sees their own report and the outcome. Anyone
 * else: 404 (the attempt audited). `handle` asks for the handler's rights (triage, notes, close).
 */
export async function authoriseIncident(db: Kysely<Database>, o: { actor: Actor; incidentId: string; handle?: boolean }): Promise<IncidentAccess> {
  const incident = await findIncident(db, o.incidentId);
  if (!incident) throw notFound('Incident');
  if (handlesTeam(o.actor, incident.teamId)) return { actor: o.actor, incident, view: 'handler' };
  const reporter = incident.reporterId === o.actor.staff.staffId;
  if (reporter && !o.handle) return { actor: o.actor, incident, view: 'reporter' };
  await refuse(o.actor, db, { rule: reporter ? 'reporter-may-not-handle' : 'not-handler-or-reporter', recordId: incident.id, action: o.handle ? 'write' : 'read' });
  if (reporter) throw new HomewardError('forbidden', 'The clinical lead or service manager of the team handles this report; you will be told the outcome');
  throw notFound('Incident');
}

/**
 * Linking a report to an episode: the reporter's write grant on that patient's record, the usual rules
 * (a refusal audited there). Returns the episode's patient and team with the grant.
 */
export async function authoriseIncidentEpisode(db: Kysely<Database>, o: { actor: Actor; episodeId: string }): Promise<{ grant: WriteGrant; episodeId: string; patientId: string; teamId: string }> {
  const episode = await findEpisode(db, o.episodeId, o.actor.now);
  if (!episode) throw new HomewardError('validation_failed', 'The episode to link the report to was not found', { fields: [{ path: 'episodeId', message: 'The episode to link the report to was not found' }] });
  const grant = await authorisePatientAccess(db, { actor: o.actor, patientId: episode.patientId, action: 'write', recordKind: incidentRecordKind, record: { id: episode.id, teamId: episode.teamId } });
  return { grant: requireWriteGrant(grant), episodeId: episode.id, patientId: episode.patientId, teamId: episode.teamId };
}

/**
 * The reader's grant to see the patient an incident names, or null: a handler with no relationship
 * to the patient (or a reporter whose relationship has ended) sees the report without the patient.
 * A refusal is audited by the access seam; an allowed read is audited here.
 */
export async function incidentPatientGrant(db: Kysely<Database>, o: { access: IncidentAccess; detail?: Record<string, unknown> }): Promise<ReadGrant | null> {
  const i = o.access.incident;
  if (!i.patientId) return null;
  try {
    const grant = await authorisePatientAccess(db, { actor: o.access.actor, patientId: i.patientId, action: 'read', recordKind: incidentRecordKind, ...(i.episodeId && i.teamId ? { record: { id: i.episodeId, teamId: i.teamId } } : {}) });
    if (grant.scope !== 'full') return null;
    await auditRead(grant, db, { recordKind: incidentRecordKind, recordId: i.id, detail: { view: o.access.view, ...(o.detail ?? {}) } });
    return grant;
  } catch (error) {
    if (error instanceof HomewardError && (error.code === 'forbidden' || error.code === 'no_legitimate_relationship')) return null;
    throw error;
  }
}
