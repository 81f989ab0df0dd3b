// What a publication changes for each member of staff: visits added to their day, taken off it, or
// moved to another time. The run sheet shows these; the lead sees their number before publishing.
import type { PlanChange, VisitDayPlan } from './visit-day-types.ts';

function startsByStaff(plan: VisitDayPlan | null): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const r of plan?.routes ?? []) out.set(r.staffId, new Map(r.stops.map((s) => [s.visitId, s.start])));
  return out;
}

export function planChanges(before: VisitDayPlan | null, after: VisitDayPlan): PlanChange[] {
  const was = startsByStaff(before);
  const now = startsByStaff(after);
  const changes: PlanChange[] = [];
  for (const staffId of new Set([...was.keys(), ...now.keys()])) {
    const a = was.get(staffId) ?? new Map<string, string>();
    const b = now.get(staffId) ?? new Map<string, string>();
    for (const [visitId, start] of b) {
      const earlier = a.get(visitId);
      if (earlier === undefined) changes.push({ staffId, visitId, kind: 'added', before: null, after: start });
      else if (earlier !== start) changes.push({ staffId, visitId, kind: 'time-changed', before: earlier, after: start });
    }
    for (const [visitId, start] of a) if (!b.has(visitId)) changes.push({ staffId, visitId, kind: 'removed', before: start, after: null });
  }
  return changes.sort((x, y) => x.staffId.localeCompare(y.staffId) || (x.after ?? x.before ?? '').localeCompare(y.after ?? y.before ?? ''));
}

/** How many visits a publication changes (a visit moved between two people counts once). */
export function changedVisitCount(changes: PlanChange[]): number {
  return new Set(changes.map((c) => c.visitId)).size;
}
