// Issue 19's benchmark families: one generated family per home-health feature, each a realistic day
// (10-20 staff, 80-150 visits, road travel around Norwich) built on generateTherapyDay and then
// reshaped so that its feature matters (many visits use it), so a change that makes the planner worse
// at one feature shows in that family's cost. Deterministic for a seed; pure (the re-planning family
// plans its published day with a fixed iteration count, which is deterministic too).
import { generateTherapyDay } from './generate-therapy-day.ts';
import { planVisits } from './plan-visits.ts';
import type { PlanningProblem, Precedence, Visit } from './problem.ts';
import { createRandom } from './random.ts';
import type { Random } from './random.ts';
import { replanAfterAbsence } from './replan-after-absence.ts';

export const homeHealthFamilies = [
  'skills',
  'two-person',
  'precedences',
  'different-staff',
  'max-lateness',
  'multiple-windows',
  'soft-windows',
  'breaks',
  'continuity',
  'pinned-fixed',
  'replan',
] as const;

export type HomeHealthFamily = (typeof homeHealthFamilies)[number];

export type FamilyInstance = { family: HomeHealthFamily; name: string; description: string; problem: PlanningProblem };

const hour = 60;

/** Sizes of a family's instances in turn: 12 staff and 90 visits, 15 and 115, 18 and 140. */
const sizes = [
  { staff: 12, visits: 90 },
  { staff: 15, visits: 115 },
  { staff: 18, visits: 140 },
];

const pick = <T>(random: Random, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

function eligibleStaff(problem: PlanningProblem, visit: Visit): string[] {
  return problem.staff.filter((s) => (visit.requiredSkills ?? []).every((k) => (s.skills ?? []).includes(k))).map((s) => s.id);
}

/** The base day without the features other families exercise, so each family's feature stands out. */
function plainDay(staff: number, visits: number, seed: number): PlanningProblem {
  const day = generateTherapyDay({ staff, visits, seed });
  for (const v of day.visits) {
    if (v.staffNeeded === 2) {
      // Keep the visit, as a one-person hoist visit.
      delete v.staffNeeded;
      delete v.secondStaffSkills;
      v.requiredSkills = ['hoist'];
    }
    // Several or soft windows belong to their own families: here the visit may be any time.
    if (v.windows !== undefined && (v.windows.length > 1 || v.windows.some((w) => w.soft === true))) delete v.windows;
  }
  day.precedences = [];
  return day;
}

function skills(day: PlanningProblem, random: Random): string {
  // Specialist skills held by few staff: wound care, neuro, falls, paediatrics, each needed by a share of visits.
  const specialisms = ['wound-care', 'neuro', 'falls', 'paediatric'];
  day.staff.forEach((s, i) => {
    for (let k = 0; k < specialisms.length; k++) if ((i + k) % 3 === 0) s.skills = [...(s.skills ?? []), specialisms[k]!];
  });
  let n = 0;
  for (const v of day.visits) {
    if (random() < 0.45) {
      // Only a specialism someone who can do the rest of the visit holds (at least two such staff).
      const base = v.requiredSkills ?? [];
      const possible = specialisms.filter((k) => day.staff.filter((s) => [...base, k].every((x) => (s.skills ?? []).includes(x))).length >= 2);
      if (possible.length === 0) continue;
      v.requiredSkills = [...base, pick(random, possible)];
      n++;
    }
  }
  for (const v of day.visits) if (v.preferredStaff !== undefined && !v.preferredStaff.some((id) => eligibleStaff(day, v).includes(id))) delete v.preferredStaff;
  return `${specialisms.length} specialist skills each held by a third of staff, needed by ${n} visits`;
}

function twoPerson(day: PlanningProblem, random: Random): string {
  let n = 0;
  for (const v of day.visits) {
    if (random() < 0.12) {
      // Both trained on the hoist (half the registered staff and every assistant).
      v.staffNeeded = 2;
      v.requiredSkills = ['hoist'];
      v.secondStaffSkills = ['hoist'];
      v.duration = pick(random, [30, 45, 60]);
      delete v.preferredStaff;
      n++;
    }
  }
  return `${n} two-person hoist visits (both at the same start)`;
}

function precedences(day: PlanningProblem, random: Random): string {
  // Pairs of visits to one patient (the second moved to the first's address), in three kinds.
  const list: Precedence[] = [];
  const free = day.visits.filter((v) => v.staffNeeded !== 2);
  const kinds: Omit<Precedence, 'before' | 'after'>[] = [
    { minGap: 60, maxGap: 240 }, // assessment, then treatment 1-4 hours after it ends
    { from: 'start', minGap: 10, maxGap: 20 }, // the second carer arrives 10-20 minutes after the first
    { from: 'start', minGap: -15, maxGap: 15 }, // within 15 minutes of each other, either first
  ];
  for (let i = 0; i + 1 < free.length && list.length < Math.floor(day.visits.length / 6); i += 6) {
    const before = free[i]!;
    const after = free[i + 1]!;
    after.location = before.location;
    const kind = { ...kinds[list.length % kinds.length]! };
    if (kind.from !== 'start') kind.minGap = pick(random, [30, 60, 90]);
    if (kind.from === 'start') {
      // Overlapping visits need two people: keep both windows wide.
      before.windows = [{ start: 9 * hour, end: 15 * hour }];
      after.windows = [];
    } else {
      before.windows = [{ start: 8 * hour + 30, end: 12 * hour }];
      after.windows = [];
    }
    before.mayLeaveUnplanned = false;
    after.mayLeaveUnplanned = false;
    list.push({ before: before.id, after: after.id, ...kind });
  }
  day.precedences = list;
  const neg = list.filter((p) => (p.minGap ?? 0) < 0).length;
  return `${list.length} precedences: end-to-start 30-90 to 240 min, start-to-start 10-20 min, start-to-start -15..15 min (${neg} with a negative gap)`;
}

function differentStaff(day: PlanningProblem, random: Random): string {
  // Double-ups modelled as two visits at one address that need different people, and second opinions.
  const pairs: [string, string][] = [];
  const free = day.visits.filter((v) => v.staffNeeded !== 2);
  for (let i = 0; i + 1 < free.length && pairs.length < Math.floor(day.visits.length / 8); i += 5) {
    const a = free[i]!;
    const b = free[i + 1]!;
    b.location = a.location;
    if (random() < 0.5) b.windows = a.windows === undefined ? undefined : a.windows.map((w) => ({ ...w }));
    b.requiredSkills = [...(a.requiredSkills ?? [])];
    if (b.preferredStaff !== undefined && a.preferredStaff !== undefined && b.preferredStaff[0] === a.preferredStaff[0]) delete b.preferredStaff;
    pairs.push([a.id, b.id]);
  }
  day.differentStaff = pairs;
  return `${pairs.length} different-staff pairs at one address`;
}

function maxLateness(day: PlanningProblem, random: Random): string {
  // Many tight soft windows in the morning rush, and a weight on the worst lateness.
  let n = 0;
  for (const v of day.visits) {
    if (random() < 0.5) {
      const start = 8 * hour + 30 + Math.floor(random() * 4) * 30;
      v.windows = [{ start, end: start + 45, soft: true, latenessCostPerMinute: 1 }];
      n++;
    }
  }
  day.objective = { ...day.objective, maxLateness: 10 };
  return `${n} soft 45-minute morning windows, maxLateness weight 10 per minute`;
}

function multipleWindows(day: PlanningProblem, random: Random): string {
  let n = 0;
  for (const v of day.visits) {
    const r = random();
    if (r < 0.25) {
      v.windows = [{ start: 8 * hour + 30, end: 9 * hour + 30 }, { start: 12 * hour, end: 13 * hour }, { start: 15 * hour, end: 16 * hour }];
      n++;
    } else if (r < 0.5) {
      const first = 9 * hour + Math.floor(random() * 3) * 30;
      v.windows = [{ start: first, end: first + 60 }, { start: first + 4 * hour, end: first + 5 * hour }];
      n++;
    }
  }
  return `${n} visits with two or three hard windows`;
}

function softWindows(day: PlanningProblem, random: Random): string {
  let n = 0;
  for (const v of day.visits) {
    if (random() < 0.45) {
      const start = 8 * hour + 30 + Math.floor(random() * 12) * 30;
      v.windows = [{ start, end: start + 60, soft: true, latenessCostPerMinute: pick(random, [1, 2, 5]) }];
      n++;
    }
  }
  return `${n} soft one-hour windows at 1, 2 or 5 per minute late`;
}

function breaks(day: PlanningProblem, random: Random): string {
  // Two floating breaks each: a short morning one and lunch, with windows that vary by person.
  for (const s of day.staff) {
    const lunch = 11 * hour + 30 + Math.floor(random() * 3) * 15;
    s.breaks = [
      { earliestStart: 10 * hour, latestStart: 11 * hour, duration: 15 },
      { earliestStart: lunch, latestStart: lunch + 90, duration: pick(random, [30, 45]) },
    ];
  }
  return `${day.staff.length * 2} floating breaks (15 min mid-morning, 30-45 min lunch)`;
}

function continuity(day: PlanningProblem, random: Random): string {
  // Every patient knows one or two clinicians; a stranger costs more than the travel usually saved.
  let n = 0;
  for (const v of day.visits) {
    const eligible = eligibleStaff(day, v);
    if (eligible.length === 0) continue;
    const first = pick(random, eligible);
    const second = pick(random, eligible);
    v.preferredStaff = first === second ? [first] : [first, second];
    n++;
  }
  day.objective = { ...day.objective, continuityCost: 60 };
  return `${n} visits with preferred staff, continuityCost 60`;
}

function pinnedFixed(day: PlanningProblem, random: Random): string {
  // A third of the staff have a visit under way at 09:30 (fixed); about half of them a visit pinned to them, in three rounds.
  let fixed = 0;
  let pinnedStaff = 0;
  let pinnedStart = 0;
  const candidates = day.visits.filter((v) => v.staffNeeded !== 2);
  const taken = new Set<Visit>();
  day.staff.forEach((s, i) => {
    // Every third person from the second (physiotherapists: the OTs are scarce in the morning).
    const v = i % 3 === 1 ? candidates.find((x) => !taken.has(x) && eligibleStaff(day, x).includes(s.id)) : undefined;
    if (v !== undefined) {
      taken.add(v);
      v.current = { staffId: s.id, start: 9 * hour + 30 };
      v.fixed = true;
      delete v.windows;
      delete v.mayLeaveUnplanned;
      fixed++;
    }
  });
  for (let k = 0; k < 3; k++) {
    for (const s of day.staff) {
      if (random() < 0.5) continue;
      // Visits with no window of their own: a pin beside a window and a fixed visit can leave no room
      // (a 08:30-10:00 window pinned to someone with a fixed visit at 09:30 across town).
      const v = candidates.find((x) => !taken.has(x) && (x.windows ?? []).length === 0 && eligibleStaff(day, x).includes(s.id));
      if (v === undefined) continue;
      taken.add(v);
      if (k === 2) {
        // A pinned start in the afternoon (a booked slot), with this person.
        v.pinned = { staffId: s.id, start: 14 * hour + 15 * (Number(s.id.slice(-2)) % 4) };
        delete v.windows;
        pinnedStart++;
      } else {
        v.pinned = { staffId: s.id };
        pinnedStaff++;
      }
    }
  }
  return `${fixed} fixed visits at 09:30, ${pinnedStaff} pinned to a person, ${pinnedStart} pinned to a person and afternoon start`;
}

/**
 * The published plan (planned with a fixed iteration count), then the busiest clinician off sick at
 * 10:00: re-planning pays changeCost and moveMinuteCost against the published plan.
 */
function replan(day: PlanningProblem, seed: number): { problem: PlanningProblem; description: string } {
  const published = planVisits(day, { iterationLimit: 2000, seed });
  const now = 10 * hour;
  const sick = published.plans.reduce((a, b) => (b.stops.filter((s) => s.start >= now).length > a.stops.filter((s) => s.start >= now).length ? b : a));
  const left = sick.stops.filter((s) => s.start >= now).length;
  const problem = replanAfterAbsence(day, published, { staffId: sick.staffId, now });
  const withCurrent = problem.visits.filter((v) => v.current !== undefined).length;
  const fixed = problem.visits.filter((v) => v.fixed === true).length;
  return { problem, description: `${sick.staffId} off sick at 10:00 with ${left} visits to move; ${withCurrent} visits in the published plan, ${fixed} fixed` };
}

/**
 * `count` instances of one family (default 3: 12 staff and 90 visits, 15 and 115, 18 and 140), for a
 * seed. The same seed always gives the same instances.
 */
export function generateFamily(family: HomeHealthFamily, seed = 1, count = 3): FamilyInstance[] {
  const out: FamilyInstance[] = [];
  for (let k = 0; k < count; k++) {
    const size = sizes[k % sizes.length]!;
    const daySeed = seed * 1000 + homeHealthFamilies.indexOf(family) * 10 + k;
    const day = plainDay(size.staff, size.visits, daySeed);
    const random = createRandom(daySeed ^ 0x5bd1e995);
    let problem = day;
    let description: string;
    switch (family) {
      case 'skills': description = skills(day, random); break;
      case 'two-person': description = twoPerson(day, random); break;
      case 'precedences': description = precedences(day, random); break;
      case 'different-staff': description = differentStaff(day, random); break;
      case 'max-lateness': description = maxLateness(day, random); break;
      case 'multiple-windows': description = multipleWindows(day, random); break;
      case 'soft-windows': description = softWindows(day, random); break;
      case 'breaks': description = breaks(day, random); break;
      case 'continuity': description = continuity(day, random); break;
      case 'pinned-fixed': description = pinnedFixed(day, random); break;
      case 'replan': ({ problem, description } = replan(day, daySeed)); break;
    }
    out.push({ family, name: `${family}-${k + 1}`, description: `${size.staff} staff, ${size.visits} visits: ${description}`, problem });
  }
  return out;
}
