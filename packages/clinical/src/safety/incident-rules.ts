// The rules of an incident report and its handling (issue 17 #1), in the words the form shows, so the
// pages and the API refuse the same things the same way. Short on purpose: staff said the old forms were
// too long, so only what LFPSE needs to learn from a report is asked for.
import {
  incidentAffected, incidentCategories, incidentKinds, incidentLocationKinds, investigationLevels, physicalHarmLevels, psychologicalHarmLevels,
  type IncidentAffected, type IncidentCategory, type IncidentKind, type IncidentLocationKind, type InvestigationLevel, type PhysicalHarmLevel, type PsychologicalHarmLevel,
} from './incident-vocabulary.ts';
import type { HomewardRole } from '../staff-roles.ts';

export type IncidentProblem = { path: string; message: string };

/** How long each free-text answer may be: long enough to say what happened, short enough to read. */
export const incidentTextLimits = { location: 200, whatHappened: 4_000, immediateActions: 2_000, note: 4_000, findings: 8_000, learning: 4_000, outcome: 4_000, action: 500 } as const;

/** How far back a report may go: LFPSE takes late reports, but a date years ago is almost always a typing slip. */
export const incidentOldestYears = 3;

/** Everyone signed in reports, except the privacy officer (who audits access and sees no clinical work). */
export function mayReportIncidents(role: HomewardRole): boolean {
  return role !== 'privacy-officer';
}

/** Who handles a team's incidents: its clinical lead or service manager. */
export const incidentHandlerRoles: readonly HomewardRole[] = ['clinical-lead', 'service-manager'];
export function mayHandleIncidents(role: HomewardRole): boolean {
  return incidentHandlerRoles.includes(role);
}

/** 'INC-000123': what people say on the phone. */
export function incidentReference(n: number): string {
  return `INC-${String(n).padStart(6, '0')}`;
}

export type IncidentReportInput = {
  kind: string;
  /** The instant it happened, or null when the date or time could not be read (the form says which). */
  occurredAt: Date | null;
  locationKind: string;
  location: string;
  category: string;
  whatHappened: string;
  affected: string;
  immediateActions: string;
  physicalHarm: string;
  psychologicalHarm: string;
};

export type CheckedIncidentReport = {
  kind: IncidentKind;
  occurredAt: Date;
  locationKind: IncidentLocationKind;
  location: string;
  category: IncidentCategory;
  whatHappened: string;
  affected: IncidentAffected;
  immediateActions: string;
  physicalHarm: PhysicalHarmLevel;
  psychologicalHarm: PsychologicalHarmLevel;
};

const oneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

function text(problems: IncidentProblem[], path: string, value: string, limit: number, missing: string, what: string): void {
  if (!value.trim()) problems.push({ path, message: missing });
  else if (value.length > limit) problems.push({ path, message: `${what} must be ${limit} characters or fewer` });
}

/**
 * Every problem with a report, each on its field. `occurredAt` null means the form already named the
 * date's problem. A near miss harmed no one, so any harm on one is a contradiction to ask about.
 */
export function checkIncidentReport(input: IncidentReportInput, o: { now: Date }): { ok: true; value: CheckedIncidentReport } | { ok: false; problems: IncidentProblem[] } {
  const problems: IncidentProblem[] = [];
  if (!oneOf(incidentKinds, input.kind)) problems.push({ path: 'kind', message: 'Select whether it was an incident or a near miss' });
  if (input.occurredAt) {
    if (input.occurredAt.getTime() > o.now.getTime()) problems.push({ path: 'occurredOn', message: 'When it happened must be in the past' });
    const oldest = new Date(o.now);
    oldest.setUTCFullYear(oldest.getUTCFullYear() - incidentOldestYears);
    if (input.occurredAt.getTime() < oldest.getTime()) problems.push({ path: 'occurredOn', message: `When it happened must be within the last ${incidentOldestYears} years` });
  }
  if (!oneOf(incidentLocationKinds, input.locationKind)) problems.push({ path: 'locationKind', message: 'Select where it happened' });
  text(problems, 'location', input.location, incidentTextLimits.location, 'Enter where it happened, for example the room or the street', 'Where it happened');
  if (!oneOf(incidentCategories, input.category)) problems.push({ path: 'category', message: 'Select what it was about' });
  text(problems, 'whatHappened', input.whatHappened, incidentTextLimits.whatHappened, 'Enter what happened', 'What happened');
  if (!oneOf(incidentAffected, input.affected)) problems.push({ path: 'affected', message: 'Select who was affected' });
  text(problems, 'immediateActions', input.immediateActions, incidentTextLimits.immediateActions, 'Enter what was done straight away, or "nothing needed"', 'What was done straight away');
  if (!oneOf(physicalHarmLevels, input.physicalHarm)) problems.push({ path: 'physicalHarm', message: 'Select the physical harm' });
  if (!oneOf(psychologicalHarmLevels, input.psychologicalHarm)) problems.push({ path: 'psychologicalHarm', message: 'Select the psychological harm' });
  if (input.kind === 'near-miss' && ((input.physicalHarm !== 'none' && oneOf(physicalHarmLevels, input.physicalHarm)) || (input.psychologicalHarm !== 'none' && oneOf(psychologicalHarmLevels, input.psychologicalHarm)))) {
    problems.push({ path: 'physicalHarm', message: 'A near miss harmed no one: choose no harm, or report it as an incident' });
  }
  if (problems.length || !input.occurredAt) return { ok: false, problems };
  return {
    ok: true,
    value: {
      kind: input.kind as IncidentKind,
      occurredAt: input.occurredAt,
      locationKind: input.locationKind as IncidentLocationKind,
      location: input.location.trim(),
      category: input.category as IncidentCategory,
      whatHappened: input.whatHappened.trim(),
      affected: input.affected as IncidentAffected,
      immediateActions: input.immediateActions.trim(),
      physicalHarm: input.physicalHarm as PhysicalHarmLevel,
      psychologicalHarm: input.psychologicalHarm as PsychologicalHarmLevel,
    },
  };
}

export type TriageInput = { investigationLevel: string; confirmedPhysicalHarm: string; note: string };

export function checkIncidentTriage(input: TriageInput): IncidentProblem[] {
  const problems: IncidentProblem[] = [];
  if (!oneOf(investigationLevels, input.investigationLevel)) problems.push({ path: 'investigationLevel', message: 'Select how it will be reviewed' });
  if (!oneOf(physicalHarmLevels, input.confirmedPhysicalHarm)) problems.push({ path: 'confirmedPhysicalHarm', message: 'Select the physical harm as you find it' });
  text(problems, 'note', input.note, incidentTextLimits.note, 'Enter a note on the triage, for example why this level of review', 'The note');
  return problems;
}

export function isInvestigationLevel(value: string): value is InvestigationLevel {
  return oneOf(investigationLevels, value);
}

/** Closing needs the learning and what the reporter is told: closing the loop is the point (the database checks it too). */
export function checkIncidentClosure(input: { learning: string; outcomeForReporter: string }): IncidentProblem[] {
  const problems: IncidentProblem[] = [];
  text(problems, 'learning', input.learning, incidentTextLimits.learning, 'Enter the learning before closing the incident', 'The learning');
  text(problems, 'outcomeForReporter', input.outcomeForReporter, incidentTextLimits.outcome, 'Enter what the person who reported it will be told', 'What the reporter is told');
  return problems;
}
