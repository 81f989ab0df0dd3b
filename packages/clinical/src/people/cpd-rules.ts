// A personal CPD log and the profile HCPC asks for in an audit (issue 16 #3). HCPC's standards for CPD
// (1-5) and its types of learning activity are data; the profile covers the two years before it is made.
import { addCalendarDays } from '../episode-dates.ts';

export const cpdKinds = ['work-based', 'professional', 'formal', 'self-directed', 'other'] as const;
export type CpdKind = (typeof cpdKinds)[number];

/** HCPC's types of CPD activity, in its words. */
export const cpdKindLabels: Record<CpdKind, string> = {
  'work-based': 'Work-based learning',
  professional: 'Professional activity',
  formal: 'Formal or educational',
  'self-directed': 'Self-directed learning',
  other: 'Other',
};

export const hcpcCpdStandards = [1, 2, 3, 4, 5] as const;
export type HcpcCpdStandard = (typeof hcpcCpdStandards)[number];

/** HCPC's standards for continuing professional development, as registrants must meet them. */
export const hcpcCpdStandardTexts: Record<HcpcCpdStandard, string> = {
  1: 'Maintain a continuous, up-to-date and accurate record of their CPD activities',
  2: 'Demonstrate that their CPD activities are a mixture of learning activities relevant to current or future practice',
  3: 'Seek to ensure that their CPD has contributed to the quality of their practice and service delivery',
  4: 'Seek to ensure that their CPD benefits the service user',
  5: 'Upon request, present a written profile (which must be their own work and supported by evidence) explaining how they have met the standards for CPD',
};

/** The period an HCPC audit looks at: the two years before the profile. */
export const cpdProfileYears = 2;

/** How far back an entry may be logged: the profile's two years and the two before (a late entry). */
export const cpdOldestYears = 4;

export type CpdEntryFacts = {
  activity: string;
  doneOn: string;
  hours: number;
  kind: string;
  hcpcStandards: readonly number[];
};

export type CpdProblem = { path: 'activity' | 'doneOn' | 'hours' | 'kind' | 'hcpcStandards'; message: string };

/** Every reason an entry cannot be logged, in the page's words. Days are 'YYYY-MM-DD'. */
export function cpdEntryProblems(e: CpdEntryFacts, today: string): CpdProblem[] {
  const problems: CpdProblem[] = [];
  if (!e.activity.trim()) problems.push({ path: 'activity', message: 'Enter what the activity was' });
  if (e.doneOn > today) problems.push({ path: 'doneOn', message: 'The date of the activity must be today or in the past' });
  else if (e.doneOn < addCalendarDays(today, -366 * cpdOldestYears)) problems.push({ path: 'doneOn', message: `The date of the activity must be within the last ${cpdOldestYears} years` });
  if (!(e.hours > 0) || e.hours > 500) problems.push({ path: 'hours', message: 'Enter the hours, more than 0 and no more than 500' });
  else if (!Number.isInteger(e.hours * 4)) problems.push({ path: 'hours', message: 'Enter the hours to the nearest quarter hour, like 1.5 or 2.25' });
  if (!(cpdKinds as readonly string[]).includes(e.kind)) problems.push({ path: 'kind', message: 'Choose the type of activity' });
  if (e.hcpcStandards.some((s) => !(hcpcCpdStandards as readonly number[]).includes(s))) problems.push({ path: 'hcpcStandards', message: 'Choose HCPC standards from 1 to 5' });
  else if (new Set(e.hcpcStandards).size !== e.hcpcStandards.length) problems.push({ path: 'hcpcStandards', message: 'Choose each HCPC standard once' });
  return problems;
}

export type CpdProfileEntry = CpdEntryFacts & { id: string; learned: string; practiceChange: string; reflection: string };

export type CpdProfileSummary<E extends CpdProfileEntry> = {
  from: string;
  to: string;
  /** The period's entries, oldest first (a profile reads as a record over time). */
  entries: E[];
  totalHours: number;
  hoursByKind: { kind: CpdKind; label: string; entries: number; hours: number }[];
  /** Each standard and the entries that say they meet it. */
  standards: { standard: HcpcCpdStandard; text: string; entries: E[] }[];
  /** What an auditor would ask about, in plain words; empty when nothing. */
  gaps: string[];
};

/** The profile HCPC asks for: the two years before `today`, hours by type, and the standards with their evidence. */
export function cpdProfileSummary<E extends CpdProfileEntry>(all: readonly E[], today: string): CpdProfileSummary<E> {
  const from = addCalendarDays(today, -365 * cpdProfileYears);
  const entries = all.filter((e) => e.doneOn >= from && e.doneOn <= today).sort((a, b) => a.doneOn.localeCompare(b.doneOn) || a.id.localeCompare(b.id));
  const hoursByKind = cpdKinds.map((kind) => {
    const of = entries.filter((e) => e.kind === kind);
    return { kind, label: cpdKindLabels[kind], entries: of.length, hours: sumHours(of) };
  });
  const standards = hcpcCpdStandards.map((standard) => ({ standard, text: hcpcCpdStandardTexts[standard], entries: entries.filter((e) => e.hcpcStandards.includes(standard)) }));
  const gaps: string[] = [];
  if (entries.length === 0) gaps.push(`No CPD is logged in the last ${cpdProfileYears} years`);
  else {
    const kindsUsed = hoursByKind.filter((k) => k.entries > 0).length;
    if (kindsUsed < 2) gaps.push('HCPC asks for a mixture of learning activities: the log has only one type');
    for (const s of standards) if (s.standard >= 3 && s.standard <= 4 && s.entries.length === 0) gaps.push(`No entry says how it meets standard ${s.standard}: ${s.text.toLowerCase()}`);
    const withoutChange = entries.filter((e) => !e.practiceChange.trim()).length;
    if (withoutChange > 0) gaps.push(`${withoutChange} ${withoutChange === 1 ? 'entry does' : 'entries do'} not say how practice changed`);
  }
  return { from, to: today, entries, totalHours: sumHours(entries), hoursByKind, standards, gaps };
}

function sumHours(entries: readonly { hours: number }[]): number {
  // Quarter hours are exact in binary, so the sum is exact.
  return entries.reduce((total, e) => total + e.hours, 0);
}

/** Keep the log going: an activity at least every this many days (HCPC asks for a continuous record, standard 1). */
export const cpdGapDays = 90;

/** Who keeps a CPD log Homeward reminds: HCPC registrants, and assistant practitioners, whose role asks it. */
export function keepsCpdLog(role: string): boolean {
  return role === 'registered-therapist' || role === 'clinical-lead' || role === 'assistant-practitioner';
}

/** When the next CPD entry is due: cpdGapDays after the latest; null (due now) when none is logged. */
export function cpdNextDueOn(latestDoneOn: string | null): string | null {
  return latestDoneOn === null ? null : addCalendarDays(latestDoneOn, cpdGapDays);
}
