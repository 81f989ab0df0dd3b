// How an incident reads on a page or in JSON: labels in the clinicians' words, and the reporter shown as
// "Anonymous" to everyone but themselves when they asked for it (the database and the audit keep them).
import {
  dueStatusOf, dueStatusTags, incidentAffectedLabels, incidentCategoryLabels, incidentKindLabels, incidentLocationKindLabels, incidentStatusLabels,
  investigationLevelLabels, physicalHarmLabels, psychologicalHarmLabels, daysBetween, ukDateOf,
  type IncidentCategory, type IncidentStatus,
} from '@homeward/clinical';
import type { Actor } from '../platform/actor.ts';
import { incidentActionSoonDays } from './incident-due-items.ts';
import type { Incident, IncidentAction } from './incident-queries.ts';

export const anonymousReporter = 'Anonymous';

/** Who reported it, as this reader may know it. */
export function reporterFor(i: Incident, actor: Actor): { id: string | null; name: string } {
  if (i.reporterAnonymous && i.reporterId !== actor.staff.staffId) return { id: null, name: anonymousReporter };
  return { id: i.reporterId, name: i.reporterName };
}

const statusColours: Record<IncidentStatus, string> = { reported: 'blue', 'under-review': 'yellow', closed: 'grey' };
const harmColours: Record<string, string> = { none: 'green', low: 'yellow', moderate: 'orange', severe: 'red', fatal: 'red' };

export function incidentView(i: Incident, actor: Actor) {
  const harm = i.confirmedPhysicalHarm ?? i.physicalHarm;
  return {
    ...i,
    reporter: reporterFor(i, actor),
    reporterName: undefined,
    reporterId: undefined,
    reporterRole: undefined,
    kindText: i.kind === 'near-miss' ? 'Near miss' : 'Incident',
    kindLabel: incidentKindLabels[i.kind],
    categoryText: incidentCategoryLabels[i.category as IncidentCategory] ?? i.category,
    locationKindText: incidentLocationKindLabels[i.locationKind],
    affectedText: incidentAffectedLabels[i.affected],
    physicalHarmText: physicalHarmLabels[i.physicalHarm],
    psychologicalHarmText: psychologicalHarmLabels[i.psychologicalHarm],
    confirmedHarmText: i.confirmedPhysicalHarm ? physicalHarmLabels[i.confirmedPhysicalHarm] : null,
    harmTag: { colour: harmColours[harm] ?? 'grey', text: physicalHarmLabels[harm].split(' (')[0] },
    statusTag: { colour: statusColours[i.status], text: incidentStatusLabels[i.status] },
    investigationText: i.investigationLevel ? investigationLevelLabels[i.investigationLevel] : null,
    ageDays: daysBetween(ukDateOf(i.createdAt), ukDateOf(actor.now)),
  };
}

export function actionView(a: IncidentAction, today: string) {
  const status = dueStatusOf({ dueOn: a.dueOn, today, soonDays: incidentActionSoonDays });
  return { ...a, tag: a.status === 'done' ? { colour: 'grey', text: 'Done' } : dueStatusTags[status] };
}

/** The incident as JSON: dates as ISO strings, the reporter as this reader may know them. */
export function incidentJson(i: Incident, actor: Actor, patientShown: boolean) {
  const reporter = reporterFor(i, actor);
  return {
    id: i.id, reference: i.reference, version: i.version, kind: i.kind, occurredAt: i.occurredAt.toISOString(), locationKind: i.locationKind, location: i.location,
    category: i.category, whatHappened: i.whatHappened, immediateActions: i.immediateActions, affected: i.affected, physicalHarm: i.physicalHarm,
    psychologicalHarm: i.psychologicalHarm, patientId: patientShown ? i.patientId : null, episodeId: patientShown ? i.episodeId : null,
    linkedToPatient: i.patientId !== null, teamId: i.teamId, reporter, reporterAnonymous: i.reporterAnonymous, sourceKind: i.sourceKind, sourceId: i.sourceId,
    status: i.status, handler: i.handlerId ? { id: i.handlerId, name: i.handlerName ?? '' } : null, investigationLevel: i.investigationLevel,
    confirmedPhysicalHarm: i.confirmedPhysicalHarm, findings: i.findings, learning: i.learning, outcomeForReporter: i.outcomeForReporter,
    closedAt: i.closedAt ? i.closedAt.toISOString() : null, outcomeSeenAt: i.outcomeSeenAt ? i.outcomeSeenAt.toISOString() : null, createdAt: i.createdAt.toISOString(),
  };
}
