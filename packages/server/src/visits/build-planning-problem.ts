// The team's day as the planner's problem (@homeward/planner PlanningProblem): who works when and from
// where (the rota's StaffDay), the visits with their windows, skills, pairs, pins and preferred
// clinician, and travel by the built-in road model. Pure: the plan job reads the day and runs the
// planner. A visit that cannot be sent (no location, no one working or qualified, a window outside
// every shift) is listed unplanned here with its own reason, never dropped and never sent.
import { leadVisitorSkills, minutesOf, professionsMetOnVisits, secondVisitorSkills } from '@homeward/clinical';
import type { BreakRule, PlanningProblem, Staff, Visit } from '@homeward/planner';
import type { GeoPoint, StaffDay } from '../staff/public.ts';
import type { UnplannedReason, VisitToPlan } from './visit-day-types.ts';

/** Staff marked registered (registered therapists, clinical leads) hold this pseudo-skill: complex visits need it. */
export const registeredSkill = 'registered';

/** Re-planning on the day: the cost of sending someone new to a visit (the planner's changeCost), high so few visits move. */
export const defaultDisruptionCost = 240;

export type UnplannedEntry = { visitId: string; reason: UnplannedReason; detail: string };

/** Where someone's day carries on from when re-planning: after the visits already done or under way. */
export type ResumePoint = { at: number; location: GeoPoint };

export type BuildPlanningProblemOptions = {
  date: string;
  staffDays: StaffDay[];
  visits: VisitToPlan[];
  /** The team's base: where staff without their own start point start and end. */
  teamBase: GeoPoint | null;
  /** Re-planning the rest of the day: nobody's day (re)starts before this minute. */
  from?: number;
  /** Re-planning: per member of staff, where and when they are free again after their fixed visits. */
  resume?: Record<string, ResumePoint>;
  /** Re-planning: where the published plan put each visit (who, and the start in minutes); moving it costs `disruptionCost`. */
  previousStaff?: Record<string, { staffId: string; secondStaffId?: string; start: number }>;
  disruptionCost?: number;
};

export type BuiltPlanningProblem = {
  problem: PlanningProblem;
  /** Visits not sent to the planner, with the reason. */
  unplanned: UnplannedEntry[];
  /** Staff working that day but left out: no start point anywhere (no base, no home). */
  staffWithoutLocation: string[];
};

type Shift = { staffId: string; start: number; end: number; skills: Set<string>; name: string };

function breakRule(start: number, end: number, minutes: number): BreakRule[] {
  if (minutes <= 0 || end - start <= minutes) return [];
  // Around the middle of the shift, within an hour and a half either way.
  const middle = Math.round((start + end - minutes) / 2);
  return [{ earliestStart: Math.max(start, middle - 90), latestStart: Math.min(end - minutes, middle + 90), duration: minutes }];
}

const list = (skills: string[]) => skills.filter((s) => s !== registeredSkill).join(', ');

export function buildPlanningProblem(o: BuildPlanningProblemOptions): BuiltPlanningProblem {
  const staff: Staff[] = [];
  const shifts: Shift[] = [];
  const staffWithoutLocation: string[] = [];
  const nameOf = new Map(o.staffDays.map((d) => [d.staffId, d.name]));
  const working = new Set<string>();
  for (const day of o.staffDays) {
    if (!day.shift) continue;
    const resume = o.resume?.[day.staffId];
    const shiftEnd = minutesOf(day.shift.end);
    const shiftStart = Math.max(minutesOf(day.shift.start), o.from ?? 0, resume?.at ?? 0);
    if (shiftStart >= shiftEnd) continue;
    const home = day.start ?? o.teamBase;
    const end = day.end ?? day.start ?? o.teamBase;
    if (!home || !end) {
      staffWithoutLocation.push(day.staffId);
      continue;
    }
    // Profession needs ('OT', 'PT') are met as allocation meets them (visit-professions.ts), not by a skill on anyone's record.
    const skills = [...new Set([...day.skills, ...professionsMetOnVisits(day)])].concat(day.registered ? [registeredSkill] : []);
    working.add(day.staffId);
    shifts.push({ staffId: day.staffId, start: shiftStart, end: shiftEnd, skills: new Set(skills), name: day.name });
    // A break already past (re-planning late in the day) is not asked for again.
    const breaks = resume || o.from !== undefined ? breakRule(minutesOf(day.shift.start), shiftEnd, day.shift.breakMinutes).filter((b) => b.latestStart >= shiftStart) : breakRule(shiftStart, shiftEnd, day.shift.breakMinutes);
    staff.push({
      id: day.staffId,
      start: { lat: (resume?.location ?? home).lat, lon: (resume?.location ?? home).lon },
      end: { lat: end.lat, lon: end.lon },
      shift: { start: shiftStart, end: shiftEnd },
      skills,
      ...(breaks.length ? { breaks: breaks.map((b) => ({ ...b, earliestStart: Math.max(b.earliestStart, shiftStart) })) } : {}),
    });
  }

  const unplanned: UnplannedEntry[] = [];
  const visits: Visit[] = [];
  const holds = (s: Shift, skills: string[]) => skills.every((k) => s.skills.has(k));
  for (const v of o.visits) {
    if (v.status !== 'to-plan') continue;
    const refuse = (reason: UnplannedReason, detail: string) => unplanned.push({ visitId: v.id, reason, detail });
    if (!v.location) {
      refuse('no-location', 'Nobody has placed the patient’s address on the map yet, so the visit cannot be routed');
      continue;
    }
    if (shifts.length === 0) {
      refuse('no-one-working', `No one with a start point is working on ${o.date}`);
      continue;
    }
    const required = [...leadVisitorSkills(v.skills), ...(v.registeredRequired ? [registeredSkill] : [])];
    const second = secondVisitorSkills(v.skills);
    if (v.pinnedStaffId && !working.has(v.pinnedStaffId)) {
      refuse('no-one-working', `Pinned to ${nameOf.get(v.pinnedStaffId) ?? 'someone'}, who is not working${o.from !== undefined ? ' for the rest of the day' : ` on ${o.date}`}`);
      continue;
    }
    const candidates = shifts.filter((s) => (!v.pinnedStaffId || s.staffId === v.pinnedStaffId) && holds(s, required));
    const seconds = shifts.filter((s) => holds(s, second));
    const needs = [v.registeredRequired ? 'a registered therapist' : null, v.skills.length ? `the skills ${list(v.skills)}` : null].filter(Boolean).join(' with ');
    if (candidates.length === 0) {
      refuse('no-one-qualified', v.pinnedStaffId
        ? `Pinned to ${nameOf.get(v.pinnedStaffId) ?? 'someone'}, who is not ${needs || 'able to take it'}`
        : `No one working is ${needs || 'able to take it'}`);
      continue;
    }
    if (v.staffNeeded === 2 && (seconds.length < 2 || !candidates.some((c) => seconds.some((s) => s.staffId !== c.staffId)))) {
      refuse('no-one-qualified', `Needs two staff${v.staffNeededReason ? ` (${v.staffNeededReason})` : ''}, and there are not two working who can go together`);
      continue;
    }
    const windowStart = v.pinnedStart ? minutesOf(v.pinnedStart) : v.window ? minutesOf(v.window.start) : null;
    const windowEnd = v.pinnedStart ? minutesOf(v.pinnedStart) : v.window ? minutesOf(v.window.end) : null;
    if (windowStart !== null && windowEnd !== null && !candidates.some((s) => windowStart <= s.end - v.durationMinutes && windowEnd >= s.start)) {
      refuse('window-outside-shifts', v.pinnedStart
        ? `Pinned to start at ${v.pinnedStart}, outside the hours of everyone who could take it`
        : `The patient can be seen ${v.window!.start}–${v.window!.end}, outside the hours of everyone working who could take it`);
      continue;
    }
    const previous = o.previousStaff?.[v.id];
    const preferred = v.preferredStaffId ? [v.preferredStaffId] : [];
    visits.push({
      id: v.id,
      location: { lat: v.location.lat, lon: v.location.lon },
      duration: v.durationMinutes,
      ...(v.window && !v.pinnedStart ? { windows: [{ start: minutesOf(v.window.start), end: minutesOf(v.window.end) }] } : {}),
      ...(required.length ? { requiredSkills: required } : {}),
      ...(v.staffNeeded === 2 ? { staffNeeded: 2 as const, secondStaffSkills: second } : {}),
      priority: Math.max(1, v.priority),
      ...(preferred.length ? { preferredStaff: preferred } : {}),
      // Minimal disruption: the planner's change cost for anyone new on it, and for a start moved beyond 15 minutes.
      ...(previous ? { current: { staffId: previous.staffId, ...(previous.secondStaffId ? { secondStaffId: previous.secondStaffId } : {}), start: previous.start } } : {}),
      ...(v.pinnedStaffId || v.pinnedStart ? { pinned: { ...(v.pinnedStaffId ? { staffId: v.pinnedStaffId } : {}), ...(v.pinnedStart ? { start: minutesOf(v.pinnedStart) } : {}) } } : {}),
    });
  }

  const problem: PlanningProblem = {
    staff,
    visits,
    travel: { kind: 'road' },
    ...(o.previousStaff ? { objective: { changeCost: o.disruptionCost ?? defaultDisruptionCost } } : {}),
  };
  return { problem, unplanned, staffWithoutLocation };
}
