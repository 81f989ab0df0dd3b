// The escalation ladder's rules that need no database (issue 14 #5): when each rung falls due, who a
// rung tells from what the rota says about the day, the rota gaps a lead should hear of the day before,
// and what a team's own ladder must keep. The server's timers and pages both use them.
import type { LadderRung, LadderWho } from './escalation-ladder.ts';

/** What kind of alert is climbing: a red or duress alert starts at the responder (the clinician is never prompted). */
export type ClimbingAlertKind = 'missed-check-in' | 'missed-check-out' | 'amber' | 'red' | 'duress';

const byLevel = (rungs: readonly LadderRung[]) => [...rungs].sort((a, b) => a.level - b.level);

/**
 * The rungs this alert climbs: all of them, or for a red or duress alert those from the first responder
 * rung on, never a clinician's. A prompt to the clinician after a duress code ("You have not checked out",
 * on the phone someone may be watching) would give the code away; after a red alert it asks the person in
 * trouble to act. The ladder's rules refuse such a rung (ladderProblems); this holds whatever the ladder.
 */
export function rungsFor(rungs: readonly LadderRung[], kind: ClimbingAlertKind): LadderRung[] {
  const sorted = byLevel(rungs);
  if (kind !== 'red' && kind !== 'duress') return sorted;
  // Every rung before the first responder or manager is a clinician's, so dropping the clinician's rungs is all it takes.
  return sorted.filter((r) => r.who !== 'clinician');
}

/**
 * When a rung falls due: its seconds after the alert was raised. A red or duress alert is raised at its
 * first (responder) rung, so the rungs after it keep their distance from that one.
 */
export function rungDueAt(rungs: readonly LadderRung[], kind: ClimbingAlertKind, raisedAt: Date, rung: LadderRung): Date {
  const first = rungsFor(rungs, kind)[0];
  const offset = first ? rung.afterSeconds - first.afterSeconds : rung.afterSeconds;
  return new Date(raisedAt.getTime() + Math.max(0, offset) * 1000);
}

/** The rung after `level` on this alert's ladder, or null at the top. */
export function nextRungFor(rungs: readonly LadderRung[], kind: ClimbingAlertKind, level: number): LadderRung | null {
  return rungsFor(rungs, kind).find((r) => r.level > level) ?? null;
}

/** What the rota says about the day of the alert. */
export type RungFacts = {
  clinicianStaffId: string;
  /** The day's on-call responder, if one is set. */
  onCallStaffId: string | null;
  /** The manager named with the on-call, if any. */
  onCallManagerStaffId: string | null;
  /** The team's clinical leads working that day by the rota (one on leave or off that day is not). */
  clinicalLeadsWorking: readonly string[];
  /** The team's service managers. */
  serviceManagers: readonly string[];
};

export type RungPeople = { staffIds: string[]; because: 'clinician' | 'on-call' | 'clinical-lead' | 'on-call-manager' | 'service-manager' | 'nobody' };

/** Who a rung tells: nobody (the rung is skipped, the climb goes straight on) when the rota names no one. */
export function whoIsTold(who: LadderWho, facts: RungFacts): RungPeople {
  const people = (ids: readonly string[]) => [...new Set(ids)];
  if (who === 'clinician') return { staffIds: [facts.clinicianStaffId], because: 'clinician' };
  if (who === 'responder') {
    if (facts.onCallStaffId && facts.onCallStaffId !== facts.clinicianStaffId) return { staffIds: [facts.onCallStaffId], because: 'on-call' };
    const leads = people(facts.clinicalLeadsWorking.filter((id) => id !== facts.clinicianStaffId));
    return leads.length ? { staffIds: leads, because: 'clinical-lead' } : { staffIds: [], because: 'nobody' };
  }
  if (facts.onCallManagerStaffId && facts.onCallManagerStaffId !== facts.clinicianStaffId) return { staffIds: [facts.onCallManagerStaffId], because: 'on-call-manager' };
  const managers = people(facts.serviceManagers.filter((id) => id !== facts.clinicianStaffId));
  return managers.length ? { staffIds: managers, because: 'service-manager' } : { staffIds: [], because: 'nobody' };
}

/** The day after a yyyy-mm-dd date (a calendar day, whatever the clocks do). */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Absences on the rota that take someone out of on call: a day off or a bank holiday is what on call covers. */
export const onCallAbsences = ['annual-leave', 'sickness', 'training', 'other-absence'] as const;

export type OnCallUnavailable = 'no-longer-working' | (typeof onCallAbsences)[number];

/**
 * Why the person set on call (responder or manager) cannot be counted on that day, or null when they can:
 * deactivated, or absent by the rota. Their rung then goes to the fallback (a lead working that day, the
 * service managers), and the lead hears of it the day before as a gap.
 */
export function onCallUnavailable(o: { active: boolean; notWorkingBecause: string | null | undefined }): OnCallUnavailable | null {
  if (!o.active) return 'no-longer-working';
  return onCallAbsences.find((absence) => absence === o.notWorkingBecause) ?? null;
}

/** A lead is told the day before: home visits published for the day and nobody on call to respond. */
export function isRotaGap(o: { publishedHomeVisits: number; onCallStaffId: string | null }): boolean {
  return o.publishedHomeVisits > 0 && o.onCallStaffId === null;
}

export type LadderProblem = { path: string; message: string };

/** What every team's ladder keeps: levels 1.. ascending, times ascending, a responder rung, instructions for each. */
export function ladderProblems(o: { graceSeconds: number; rungs: readonly LadderRung[] }): LadderProblem[] {
  const problems: LadderProblem[] = [];
  if (!Number.isInteger(o.graceSeconds) || o.graceSeconds < 0 || o.graceSeconds > 7200) problems.push({ path: 'graceMinutes', message: 'Grace must be between 0 and 120 minutes' });
  if (o.rungs.length === 0) problems.push({ path: 'rungs', message: 'The ladder needs at least one rung' });
  o.rungs.forEach((r, i) => {
    if (!Number.isInteger(r.level) || r.level < 1 || r.level > 9) problems.push({ path: `rungs.${i}.level`, message: `Rung ${i + 1}: the level must be 1 to 9` });
    if (i > 0 && r.level <= o.rungs[i - 1]!.level) problems.push({ path: `rungs.${i}.level`, message: `Rung ${i + 1}: levels must go up one rung after another` });
    if (!Number.isInteger(r.afterSeconds) || r.afterSeconds < 0 || r.afterSeconds > 24 * 3600) problems.push({ path: `rungs.${i}.afterSeconds`, message: `Rung ${i + 1}: minutes after raising must be 0 to 1440` });
    else if (i > 0 && r.afterSeconds <= o.rungs[i - 1]!.afterSeconds) problems.push({ path: `rungs.${i}.afterSeconds`, message: `Rung ${i + 1}: each rung must come later than the one before` });
    if (r.instructions.trim().length === 0) problems.push({ path: `rungs.${i}.instructions`, message: `Rung ${i + 1}: enter what the person told should do` });
    else if (r.instructions.length > 1000) problems.push({ path: `rungs.${i}.instructions`, message: `Rung ${i + 1}: instructions must be 1000 characters or fewer` });
  });
  if (o.rungs.length > 0 && !o.rungs.some((r) => r.who === 'responder')) problems.push({ path: 'rungs', message: 'The ladder needs a responder rung' });
  // Once a responder has been told, the clinician is not asked again: that prompt would reach a phone after
  // a red alert or a duress code (whoever forced the code may be watching it).
  let responderTold = false;
  o.rungs.forEach((r, i) => {
    if (r.who === 'responder') responderTold = true;
    else if (r.who === 'clinician' && responderTold) problems.push({ path: `rungs.${i}.who`, message: `Rung ${i + 1}: the clinician can only be prompted before the responder is told` });
  });
  return problems;
}
