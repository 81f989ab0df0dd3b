// A realistic generated therapy day for tests and the benchmark: a county team of physiotherapists,
// occupational therapists and assistants visiting patients at home, with shifts, lunch breaks,
// skills, fixed-time and "before 10:00" visits, two-person hoist visits, continuity and precedences.
import type { PlanningProblem, Staff, Visit } from './problem.ts';
import { createRandom } from './random.ts';

export type TherapyDayOptions = {
  staff?: number;
  visits?: number;
  seed?: number;
  /** Team bases, staff spread over them in turn (default 1, the centre). */
  bases?: number;
  /** Width of the area the patients live in (default 35 km). */
  areaKm?: number;
};

const hour = 60;

export function generateTherapyDay(options: TherapyDayOptions = {}): PlanningProblem {
  const random = createRandom(options.seed ?? 7);
  const staffCount = options.staff ?? 15;
  const visitCount = options.visits ?? 120;
  // About 35 km x 30 km of Norfolk around Norwich.
  const centre = { lat: 52.63, lon: 1.3 };
  const scale = (options.areaKm ?? 35) / 35;
  const point = (spreadKm: number) => ({
    lat: Number((centre.lat + ((random() - 0.5) * spreadKm * scale) / 111).toFixed(5)),
    lon: Number((centre.lon + ((random() - 0.5) * spreadKm * scale) / 67).toFixed(5)),
  });
  // Bases on a ring a third of the way out (no random numbers drawn, so one base gives the old days).
  const baseCount = options.bases ?? 1;
  const bases = Array.from({ length: baseCount }, (_, k) => {
    if (k === 0 && baseCount === 1) return { lat: centre.lat, lon: centre.lon };
    const angle = (2 * Math.PI * k) / baseCount;
    const km = ((options.areaKm ?? 35) / 3);
    return { lat: Number((centre.lat + (km * Math.sin(angle)) / 111).toFixed(5)), lon: Number((centre.lon + (km * Math.cos(angle)) / 67).toFixed(5)) };
  });
  const staff: Staff[] = [];
  for (let i = 0; i < staffCount; i++) {
    const profession = i % 3 === 0 ? 'ot' : 'physio';
    const assistant = i % 5 === 4;
    const skills = assistant ? [profession, 'hoist'] : [profession, 'registered', ...(i % 2 === 0 ? ['hoist'] : [])];
    const fromHome = i % 4 === 1;
    const base = bases[i % baseCount]!;
    const early = i % 3 === 2;
    const start = early ? 8 * hour : 8 * hour + 30;
    staff.push({
      id: `staff-${String(i + 1).padStart(2, '0')}`,
      start: fromHome ? point(30) : base,
      end: fromHome ? point(30) : base,
      shift: { start, end: start + 8 * hour + 30 },
      skills,
      breaks: [{ earliestStart: 12 * hour, latestStart: 14 * hour, duration: 30 }],
      maxVisits: 12,
    });
  }
  const visits: Visit[] = [];
  for (let i = 0; i < visitCount; i++) {
    const id = `visit-${String(i + 1).padStart(3, '0')}`;
    const ot = random() < 0.35;
    const visit: Visit = {
      id,
      location: point(35),
      duration: [20, 30, 30, 45, 45, 60][Math.floor(random() * 6)]!,
      requiredSkills: [ot ? 'ot' : 'physio'],
    };
    const kind = random();
    if (kind < 0.15) {
      // "Before 10:00 when the carer is there."
      visit.windows = [{ start: 8 * hour + 30, end: 10 * hour }];
    } else if (kind < 0.25) {
      visit.windows = [{ start: 13 * hour + 30, end: 15 * hour + 30 }];
    } else if (kind < 0.3) {
      visit.windows = [{ start: 9 * hour, end: 11 * hour, soft: true, latenessCostPerMinute: 2 }];
    } else if (kind < 0.35) {
      visit.windows = [{ start: 9 * hour, end: 10 * hour }, { start: 14 * hour, end: 15 * hour }];
    }
    if (random() < 0.3) visit.requiredSkills!.push('registered');
    if (i % 15 === 7) {
      // A hoist transfer: two staff at once, both trained on the hoist; the lead registered.
      visit.staffNeeded = 2;
      visit.requiredSkills = ['hoist', 'registered'];
      visit.secondStaffSkills = ['hoist'];
      visit.duration = 45;
    }
    const eligible = staff.filter((s) => (visit.requiredSkills ?? []).every((k) => s.skills!.includes(k)));
    if (random() < 0.6 && eligible.length > 0) visit.preferredStaff = [eligible[Math.floor(random() * eligible.length)]!.id];
    if (random() < 0.25) {
      visit.mayLeaveUnplanned = true;
      visit.priority = random() < 0.5 ? 1 : 2;
    }
    visits.push(visit);
  }
  // A pair of visits to the same patient: the OT assessment before the physio session, 1-4 hours apart.
  const first = visits[3]!;
  const second = visits[4]!;
  first.location = second.location;
  first.windows = [{ start: 8 * hour + 30, end: 12 * hour }];
  second.windows = [];
  return {
    staff,
    visits,
    precedences: [{ before: first.id, after: second.id, minGap: 60, maxGap: 240 }],
    travel: { kind: 'road' },
    objective: { travelMinute: 1, travelDistance: 0.3, lateness: 1, unplannedPenalty: 500, continuityCost: 20 },
  };
}

/** The locality day: 40 staff from three bases, 350 visits over 30 km (skills, pairs, windows, breaks, continuity). */
export function generateLocalityDay(seed = 7): PlanningProblem {
  return generateTherapyDay({ staff: 40, visits: 350, seed, bases: 3, areaKm: 30 });
}

/**
 * A week for one team: five weekdays of 15 staff and 140 visits, a weekend of 6 staff and 50 visits
 * (about 800 visits), each day its own problem (a visit belongs to one day).
 */
export function generateTherapyWeek(seed = 1): { day: string; problem: PlanningProblem }[] {
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  return days.map((day, k) => ({
    day,
    problem: k < 5 ? generateTherapyDay({ staff: 15, visits: 140, seed: seed * 100 + k }) : generateTherapyDay({ staff: 6, visits: 50, seed: seed * 100 + k }),
  }));
}
