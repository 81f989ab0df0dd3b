// Reporting an incident or near miss (issue 17 #1): the short form, linked to a patient's episode through
// the reporter's write grant, or to no one (a staff injury, a car accident on a visit). The reporter may
// be anonymous to colleagues; the row and the audit always keep who reported it. Its handlers are the
// episode's team's, else the reporter's team's.
import { sql, type Kysely } from 'kysely';
import { checkIncidentReport, type IncidentReportInput } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { auditWrite, requireGrant, type WriteGrant } from '../access/public.ts';
import { incidentRecordKind } from './incident-access.ts';
import { findIncident, type Incident } from './incident-queries.ts';

export type IncidentSource = { kind: 'lone-working' | 'equipment'; id: string };

export type ReportIncidentOptions = {
  actor: Actor;
  /** A client may mint it (the page's form id): a second send is the same report. */
  id: string;
  report: IncidentReportInput;
  anonymous: boolean;
  /** The episode it is about, with the reporter's write grant on its patient; null for none. */
  episode: { grant: WriteGrant; episodeId: string; patientId: string; teamId: string } | null;
  source: IncidentSource | null;
};

export function checkReportIncident(o: Pick<ReportIncidentOptions, 'actor' | 'report'>) {
  const checked = checkIncidentReport(o.report, { now: o.actor.now });
  if (!checked.ok) throw validationFailed(checked.problems.length ? checked.problems : [{ path: 'occurredOn', message: 'Enter when it happened' }]);
  return checked.value;
}

export async function reportIncident(trx: Kysely<Database>, o: ReportIncidentOptions): Promise<Incident> {
  const r = checkReportIncident(o);
  const actor = o.actor;
  const me = actor.staff.staffId;
  if (o.episode) requireGrant(o.episode.grant, o.episode.patientId);
  const inserted = await trx
    .insertInto('incidents')
    .values({
      id: o.id,
      reference: sql<string>`'INC-' || lpad(nextval('incident_reference_seq')::text, 6, '0')`,
      kind: r.kind, occurred_at: r.occurredAt, location_kind: r.locationKind, location: r.location, category: r.category,
      what_happened: r.whatHappened, immediate_actions: r.immediateActions, affected: r.affected, physical_harm: r.physicalHarm, psychological_harm: r.psychologicalHarm,
      patient_id: o.episode?.patientId ?? null, episode_id: o.episode?.episodeId ?? null, team_id: o.episode?.teamId ?? actor.staff.teamId,
      reporter_id: me, reporter_anonymous: o.anonymous, source_kind: o.source?.kind ?? null, source_id: o.source?.id ?? null,
      created_at: actor.now, created_by: me, updated_at: actor.now, updated_by: me,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw new HomewardError('duplicate', 'An incident with this id has already been reported');
  const detail = { change: 'reported', kind: r.kind, category: r.category, anonymous: o.anonymous, source: o.source };
  if (o.episode) await auditWrite(o.episode.grant, trx, { recordKind: incidentRecordKind, recordId: o.id, detail });
  else await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: incidentRecordKind, recordId: o.id, detail });
  return (await findIncident(trx, o.id))!;
}
