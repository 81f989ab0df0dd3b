// The LFPSE export (issue 17 #1): one row per incident of the team, the columns named after the
// questions of the national Learn from Patient Safety Events service's recording form, so a handler can
// copy a report across (or a later bulk upload can map them). No patient or colleague is identified:
// LFPSE asks whether a patient was involved and the reporter's role, not who.
import { spreadsheetCsv } from '../platform/spreadsheet-csv.ts';
import {
  homewardRoleLabels, incidentAffectedLabels, incidentCategoryLabels, incidentLocationKindLabels, investigationLevelLabels, physicalHarmLabels,
  psychologicalHarmLabels, toUkWallClock, type HomewardRole, type IncidentCategory,
} from '@homeward/clinical';
import type { Incident } from './incident-queries.ts';

export const lfpseColumns = [
  'Local reference', 'Event type', 'Event date', 'Event time', 'Location type', 'Location description', 'Incident category', 'Describe what happened',
  'Who was involved', 'Patient involved', 'Immediate actions taken', 'Physical harm', 'Psychological harm', 'Reporter role',
  'Status', 'Level of response', 'Harm after review', 'Findings', 'Learning', 'Closed date',
] as const;


export function lfpseRow(i: Incident): string[] {
  const when = toUkWallClock(i.occurredAt);
  return [
    i.reference,
    i.kind === 'near-miss' ? 'Incident (no harm: near miss)' : 'Incident',
    when.date, when.time,
    incidentLocationKindLabels[i.locationKind], i.location,
    incidentCategoryLabels[i.category as IncidentCategory] ?? i.category,
    i.whatHappened,
    incidentAffectedLabels[i.affected],
    i.patientId ? 'Yes' : 'No',
    i.immediateActions,
    physicalHarmLabels[i.physicalHarm], psychologicalHarmLabels[i.psychologicalHarm],
    i.reporterAnonymous || !i.reporterRole ? '' : (homewardRoleLabels[i.reporterRole as HomewardRole] ?? i.reporterRole),
    i.status, i.investigationLevel ? investigationLevelLabels[i.investigationLevel] : '', i.confirmedPhysicalHarm ? physicalHarmLabels[i.confirmedPhysicalHarm] : '',
    i.findings ?? '', i.learning ?? '', i.closedAt ? toUkWallClock(i.closedAt).date : '',
  ];
}

export function lfpseCsv(incidents: ReadonlyArray<Incident>): string {
  return spreadsheetCsv([[...lfpseColumns], ...incidents.map(lfpseRow)]);
}
