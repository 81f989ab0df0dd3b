// Validates untrusted JSON into a PlanningProblem, naming the field of every error.
// Never throws: bad input gets a list of { path, message }, not a crash.
import type { CurrentAssignment, Location, PlanningProblem, Precedence, Staff, TimeWindow, TravelSpec, Visit } from './problem.ts';

export type ProblemError = { path: string; message: string };
export type ParseProblemResult = { ok: true; problem: PlanningProblem } | { ok: false; errors: ProblemError[] };

const maxItems = 100_000;
const maxMatrixSize = 5_000;

type Obj = Record<string, unknown>;

class Checker {
  errors: ProblemError[] = [];

  fail(path: string, message: string): void {
    if (this.errors.length < 200) this.errors.push({ path, message });
  }

  object(value: unknown, path: string): Obj | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, 'must be an object');
      return undefined;
    }
    return value as Obj;
  }

  array(value: unknown, path: string, max = maxItems): unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.fail(path, 'must be an array');
      return undefined;
    }
    if (value.length > max) {
      this.fail(path, `must have at most ${max} items`);
      return undefined;
    }
    return value;
  }

  number(value: unknown, path: string, options: { min?: number; integer?: boolean; what?: string } = {}): number | undefined {
    const min = options.min ?? Number.NEGATIVE_INFINITY;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || (options.integer === true && !Number.isInteger(value))) {
      const what = options.integer === true ? 'whole number' : 'number';
      this.fail(path, options.what ?? (min === 0 ? `must be a non-negative ${what}` : min === Number.NEGATIVE_INFINITY ? `must be a ${what}` : `must be a ${what} of at least ${min}`));
      return undefined;
    }
    return value;
  }

  string(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
      this.fail(path, 'must be a non-empty string of at most 200 characters');
      return undefined;
    }
    return value;
  }

  strings(value: unknown, path: string): string[] | undefined {
    const items = this.array(value, path, 1000);
    if (items === undefined) return undefined;
    const out: string[] = [];
    items.forEach((item, i) => {
      const s = this.string(item, `${path}[${i}]`);
      if (s !== undefined) out.push(s);
    });
    return out.length === items.length ? out : undefined;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (typeof value !== 'boolean') {
      this.fail(path, 'must be true or false');
      return undefined;
    }
    return value;
  }
}

export function parseProblem(input: unknown): ParseProblemResult {
  const c = new Checker();
  try {
    const problem = readProblem(c, input);
    if (c.errors.length > 0 || problem === undefined) {
      return { ok: false, errors: c.errors.length > 0 ? c.errors : [{ path: '', message: 'is not a valid problem' }] };
    }
    return { ok: true, problem };
  } catch (error) {
    // A defect in this parser must still not crash the caller.
    return { ok: false, errors: [...c.errors, { path: '', message: `could not be read: ${String(error)}` }] };
  }
}

function readProblem(c: Checker, input: unknown): PlanningProblem | undefined {
  const root = c.object(input, '(problem)');
  if (root === undefined) return undefined;
  const travel = readTravel(c, root.travel);
  const matrixSize = travel?.kind === 'matrix' ? travel.durations.length : undefined;
  const travelKind = travel?.kind;

  const staffItems = c.array(root.staff, 'staff') ?? [];
  if (Array.isArray(root.staff) && staffItems.length === 0) c.fail('staff', 'must list at least one staff member');
  const staff: Staff[] = [];
  staffItems.forEach((item, i) => {
    const s = readStaff(c, item, `staff[${i}]`, travelKind, matrixSize);
    if (s !== undefined) staff.push(s);
  });
  const staffIds = new Set<string>();
  staff.forEach((s, i) => {
    if (staffIds.has(s.id)) c.fail(`staff[${i}].id`, `duplicates staff id "${s.id}"`);
    staffIds.add(s.id);
  });

  const visitItems = c.array(root.visits, 'visits') ?? [];
  const visits: Visit[] = [];
  visitItems.forEach((item, i) => {
    const v = readVisit(c, item, `visits[${i}]`, travelKind, matrixSize, staffIds);
    if (v !== undefined) visits.push(v);
  });
  const visitIds = new Set<string>();
  visits.forEach((v, i) => {
    if (visitIds.has(v.id)) c.fail(`visits[${i}].id`, `duplicates visit id "${v.id}"`);
    visitIds.add(v.id);
  });

  let precedences: Precedence[] | undefined;
  if (root.precedences !== undefined) {
    precedences = [];
    const items = c.array(root.precedences, 'precedences') ?? [];
    items.forEach((item, i) => {
      const p = readPrecedence(c, item, `precedences[${i}]`, visitIds);
      if (p !== undefined) precedences!.push(p);
    });
  }

  let differentStaff: [string, string][] | undefined;
  if (root.differentStaff !== undefined) differentStaff = readDifferentStaff(c, root.differentStaff, visits, visitIds);

  let objective: PlanningProblem['objective'];
  if (root.objective !== undefined) {
    const o = c.object(root.objective, 'objective');
    if (o !== undefined) {
      objective = {};
      for (const key of ['travelMinute', 'travelDistance', 'lateness', 'maxLateness', 'unplannedPenalty', 'continuityCost', 'changeCost', 'moveMinuteCost', 'moveToleranceMinutes'] as const) {
        if (o[key] !== undefined) {
          const n = c.number(o[key], `objective.${key}`, { min: 0 });
          if (n !== undefined) objective[key] = n;
        }
      }
    }
  }

  let now: number | undefined;
  if (root.now !== undefined) now = c.number(root.now, 'now');
  let wholeMinutes: boolean | undefined;
  if (root.wholeMinutes !== undefined) wholeMinutes = c.boolean(root.wholeMinutes, 'wholeMinutes');
  checkFixedVisits(c, visits);

  if (travel === undefined || c.errors.length > 0) return undefined;
  const problem: PlanningProblem = { staff, visits, travel };
  if (now !== undefined) problem.now = now;
  if (wholeMinutes !== undefined) problem.wholeMinutes = wholeMinutes;
  if (precedences !== undefined) problem.precedences = precedences;
  if (differentStaff !== undefined) problem.differentStaff = differentStaff;
  if (objective !== undefined) problem.objective = objective;
  return problem;
}

function readTravel(c: Checker, value: unknown): TravelSpec | undefined {
  const t = c.object(value, 'travel');
  if (t === undefined) return undefined;
  if (t.kind === 'matrix') {
    const durations = readMatrix(c, t.durations, 'travel.durations');
    if (durations === undefined) return undefined;
    const spec: TravelSpec = { kind: 'matrix', durations };
    if (t.distances !== undefined) {
      const distances = readMatrix(c, t.distances, 'travel.distances');
      if (distances !== undefined && distances.length !== durations.length) {
        c.fail('travel.distances', `must be ${durations.length} x ${durations.length}, the size of travel.durations`);
      }
      if (distances !== undefined) spec.distances = distances;
    }
    return spec;
  }
  if (t.kind === 'road') {
    const spec: TravelSpec = { kind: 'road' };
    if (t.circuityFactor !== undefined) {
      const f = c.number(t.circuityFactor, 'travel.circuityFactor', { min: 1, what: 'must be a number of at least 1' });
      if (f !== undefined) spec.circuityFactor = f;
    }
    if (t.speedBands !== undefined) {
      const bands = c.array(t.speedBands, 'travel.speedBands', 20);
      if (bands !== undefined) {
        if (bands.length === 0) c.fail('travel.speedBands', 'must list at least one band');
        spec.speedBands = [];
        let last = 0;
        bands.forEach((b, i) => {
          const path = `travel.speedBands[${i}]`;
          const band = c.object(b, path);
          if (band === undefined) return;
          // JSON has no Infinity: null means "and beyond".
          const upToKm = band.upToKm === null ? Number.POSITIVE_INFINITY : c.number(band.upToKm, `${path}.upToKm`, { min: 0 });
          const kmPerHour = c.number(band.kmPerHour, `${path}.kmPerHour`, { min: 0.1, what: 'must be a positive number' });
          if (upToKm === undefined || kmPerHour === undefined) return;
          if (upToKm <= last) c.fail(`${path}.upToKm`, 'must be greater than the previous band');
          last = upToKm;
          spec.speedBands!.push({ upToKm, kmPerHour });
        });
        const lastBand = spec.speedBands.at(-1);
        if (lastBand !== undefined && lastBand.upToKm !== Number.POSITIVE_INFINITY) {
          c.fail(`travel.speedBands[${bands.length - 1}].upToKm`, 'the last band must be null (no upper limit)');
        }
      }
    }
    return spec;
  }
  c.fail('travel.kind', 'must be "matrix" or "road"');
  return undefined;
}

function readMatrix(c: Checker, value: unknown, path: string): number[][] | undefined {
  const rows = c.array(value, path, maxMatrixSize);
  if (rows === undefined) return undefined;
  if (rows.length === 0) {
    c.fail(path, 'must have at least one row');
    return undefined;
  }
  const n = rows.length;
  const out: number[][] = [];
  let bad = false;
  for (let i = 0; i < n && !bad; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== n) {
      c.fail(`${path}[${i}]`, `must be a row of ${n} numbers (the matrix must be square)`);
      bad = true;
      break;
    }
    for (let j = 0; j < n; j++) {
      const x = row[j] as unknown;
      if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
        c.fail(`${path}[${i}][${j}]`, 'must be a non-negative number');
        bad = true;
        break;
      }
    }
    if (!bad) out.push(row as number[]);
  }
  return bad ? undefined : out;
}

function readLocation(c: Checker, value: unknown, path: string, kind: TravelSpec['kind'] | undefined, matrixSize: number | undefined): Location | undefined {
  const o = c.object(value, path);
  if (o === undefined) return undefined;
  if (kind === 'matrix') {
    const index = c.number(o.index, `${path}.index`, { min: 0, integer: true });
    if (index === undefined) return undefined;
    if (matrixSize !== undefined && index >= matrixSize) {
      c.fail(`${path}.index`, `must be below ${matrixSize}, the size of the travel matrix`);
      return undefined;
    }
    return { index };
  }
  if (kind === 'road') {
    const lat = c.number(o.lat, `${path}.lat`, { what: 'must be a latitude from -90 to 90' });
    const lon = c.number(o.lon, `${path}.lon`, { what: 'must be a longitude from -180 to 180' });
    if (lat !== undefined && (lat < -90 || lat > 90)) c.fail(`${path}.lat`, 'must be a latitude from -90 to 90');
    if (lon !== undefined && (lon < -180 || lon > 180)) c.fail(`${path}.lon`, 'must be a longitude from -180 to 180');
    if (lat === undefined || lon === undefined) return undefined;
    return { lat, lon };
  }
  return undefined;
}

function readWindow(c: Checker, value: unknown, path: string): TimeWindow | undefined {
  const o = c.object(value, path);
  if (o === undefined) return undefined;
  const start = c.number(o.start, `${path}.start`);
  const end = c.number(o.end, `${path}.end`);
  if (start === undefined || end === undefined) return undefined;
  if (end < start) {
    c.fail(`${path}.end`, 'must not be before start');
    return undefined;
  }
  const w: TimeWindow = { start, end };
  if (o.soft !== undefined) {
    const soft = c.boolean(o.soft, `${path}.soft`);
    if (soft !== undefined) w.soft = soft;
  }
  if (o.latenessCostPerMinute !== undefined) {
    const cost = c.number(o.latenessCostPerMinute, `${path}.latenessCostPerMinute`, { min: 0 });
    if (cost !== undefined) w.latenessCostPerMinute = cost;
  }
  return w;
}

function readStaff(c: Checker, value: unknown, path: string, kind: TravelSpec['kind'] | undefined, matrixSize: number | undefined): Staff | undefined {
  const o = c.object(value, path);
  if (o === undefined) return undefined;
  const id = c.string(o.id, `${path}.id`);
  const start = readLocation(c, o.start, `${path}.start`, kind, matrixSize);
  const end = readLocation(c, o.end, `${path}.end`, kind, matrixSize);
  const shiftObj = c.object(o.shift, `${path}.shift`);
  let shift: Staff['shift'] | undefined;
  if (shiftObj !== undefined) {
    const s = c.number(shiftObj.start, `${path}.shift.start`);
    const e = c.number(shiftObj.end, `${path}.shift.end`);
    if (s !== undefined && e !== undefined) {
      if (e < s) c.fail(`${path}.shift.end`, 'must not be before shift.start');
      else shift = { start: s, end: e };
    }
  }
  if (id === undefined || start === undefined || end === undefined || shift === undefined) return undefined;
  const staff: Staff = { id, start, end, shift };
  if (o.skills !== undefined) {
    const skills = c.strings(o.skills, `${path}.skills`);
    if (skills !== undefined) staff.skills = skills;
  }
  if (o.breaks !== undefined) {
    const items = c.array(o.breaks, `${path}.breaks`, 10) ?? [];
    staff.breaks = [];
    items.forEach((item, i) => {
      const bp = `${path}.breaks[${i}]`;
      const b = c.object(item, bp);
      if (b === undefined) return;
      const earliestStart = c.number(b.earliestStart, `${bp}.earliestStart`);
      const latestStart = c.number(b.latestStart, `${bp}.latestStart`);
      const duration = c.number(b.duration, `${bp}.duration`, { min: 0 });
      if (earliestStart === undefined || latestStart === undefined || duration === undefined) return;
      if (latestStart < earliestStart) c.fail(`${bp}.latestStart`, 'must not be before earliestStart');
      else staff.breaks!.push({ earliestStart, latestStart, duration });
    });
    staff.breaks.sort((a, b) => a.earliestStart - b.earliestStart);
  }
  if (o.maxVisits !== undefined) {
    const n = c.number(o.maxVisits, `${path}.maxVisits`, { min: 0, integer: true });
    if (n !== undefined) staff.maxVisits = n;
  }
  if (o.maxWorkingMinutes !== undefined) {
    const n = c.number(o.maxWorkingMinutes, `${path}.maxWorkingMinutes`, { min: 0 });
    if (n !== undefined) staff.maxWorkingMinutes = n;
  }
  if (o.capacity !== undefined) {
    const n = c.number(o.capacity, `${path}.capacity`, { min: 0 });
    if (n !== undefined) staff.capacity = n;
  }
  return staff;
}

function readVisit(c: Checker, value: unknown, path: string, kind: TravelSpec['kind'] | undefined, matrixSize: number | undefined, staffIds: Set<string>): Visit | undefined {
  const o = c.object(value, path);
  if (o === undefined) return undefined;
  const id = c.string(o.id, `${path}.id`);
  const location = readLocation(c, o.location, `${path}.location`, kind, matrixSize);
  const duration = c.number(o.duration, `${path}.duration`, { min: 0 });
  if (id === undefined || location === undefined || duration === undefined) return undefined;
  const visit: Visit = { id, location, duration };
  const knownStaff = (sid: string, p: string) => {
    if (!staffIds.has(sid)) c.fail(p, `names unknown staff id "${sid}"`);
  };
  if (o.durationByStaff !== undefined) {
    const d = c.object(o.durationByStaff, `${path}.durationByStaff`);
    if (d !== undefined) {
      visit.durationByStaff = {};
      for (const [sid, minutes] of Object.entries(d)) {
        knownStaff(sid, `${path}.durationByStaff.${sid}`);
        const n = c.number(minutes, `${path}.durationByStaff.${sid}`, { min: 0 });
        if (n !== undefined) visit.durationByStaff[sid] = n;
      }
    }
  }
  if (o.windows !== undefined) {
    const items = c.array(o.windows, `${path}.windows`, 20) ?? [];
    const windows: TimeWindow[] = [];
    items.forEach((item, i) => {
      const w = readWindow(c, item, `${path}.windows[${i}]`);
      if (w !== undefined) windows.push(w);
    });
    windows.sort((a, b) => a.start - b.start);
    for (let i = 1; i < windows.length; i++) {
      if (windows[i]!.start < windows[i - 1]!.end) c.fail(`${path}.windows`, 'must not overlap');
    }
    visit.windows = windows;
  }
  for (const key of ['requiredSkills', 'secondStaffSkills', 'preferredStaff'] as const) {
    if (o[key] !== undefined) {
      const list = c.strings(o[key], `${path}.${key}`);
      if (list !== undefined) visit[key] = list;
    }
  }
  visit.preferredStaff?.forEach((sid, i) => knownStaff(sid, `${path}.preferredStaff[${i}]`));
  if (o.staffNeeded !== undefined) {
    if (o.staffNeeded === 1 || o.staffNeeded === 2) visit.staffNeeded = o.staffNeeded;
    else c.fail(`${path}.staffNeeded`, 'must be 1 or 2');
  }
  if (o.priority !== undefined) {
    const n = c.number(o.priority, `${path}.priority`, { min: 0 });
    if (n !== undefined) visit.priority = n;
  }
  if (o.mayLeaveUnplanned !== undefined) {
    const b = c.boolean(o.mayLeaveUnplanned, `${path}.mayLeaveUnplanned`);
    if (b !== undefined) visit.mayLeaveUnplanned = b;
  }
  if (o.unplannedPenalty !== undefined) {
    const n = c.number(o.unplannedPenalty, `${path}.unplannedPenalty`, { min: 0 });
    if (n !== undefined) visit.unplannedPenalty = n;
  }
  if (o.demand !== undefined) {
    const n = c.number(o.demand, `${path}.demand`, { min: 0 });
    if (n !== undefined) visit.demand = n;
  }
  if (o.pinned !== undefined) {
    const p = c.object(o.pinned, `${path}.pinned`);
    if (p !== undefined) {
      visit.pinned = {};
      if (p.staffId !== undefined) {
        const sid = c.string(p.staffId, `${path}.pinned.staffId`);
        if (sid !== undefined) {
          knownStaff(sid, `${path}.pinned.staffId`);
          visit.pinned.staffId = sid;
        }
      }
      if (p.start !== undefined) {
        const s = c.number(p.start, `${path}.pinned.start`);
        if (s !== undefined) visit.pinned.start = s;
      }
    }
  }
  if (o.fixed !== undefined) {
    const b = c.boolean(o.fixed, `${path}.fixed`);
    if (b !== undefined) visit.fixed = b;
    if (b === true && o.current === undefined) c.fail(`${path}.current`, 'is required for a fixed visit (who did it, and when)');
  }
  if (o.current !== undefined) {
    const current = readCurrent(c, o.current, `${path}.current`, visit, visit.fixed === true, staffIds);
    if (current !== undefined) visit.current = current;
  }
  return visit;
}

function readCurrent(c: Checker, value: unknown, path: string, visit: Visit, fixed: boolean, staffIds: Set<string>): CurrentAssignment | undefined {
  const o = c.object(value, path);
  if (o === undefined) return undefined;
  const staffId = c.string(o.staffId, `${path}.staffId`);
  // Someone who has gone off sick is no longer in the problem, so a visit's current staff may be
  // unknown; a fixed visit stays with its staff, who must be there.
  if (fixed && staffId !== undefined && !staffIds.has(staffId)) c.fail(`${path}.staffId`, `names unknown staff id "${staffId}" (a fixed visit stays with its staff)`);
  let secondStaffId: string | undefined;
  if (o.secondStaffId !== undefined) {
    secondStaffId = c.string(o.secondStaffId, `${path}.secondStaffId`);
    if (secondStaffId !== undefined && (visit.staffNeeded ?? 1) === 1) c.fail(`${path}.secondStaffId`, 'is only for a two-person visit (staffNeeded 2)');
    if (secondStaffId !== undefined && secondStaffId === staffId) c.fail(`${path}.secondStaffId`, 'must differ from staffId');
    if (fixed && secondStaffId !== undefined && !staffIds.has(secondStaffId)) c.fail(`${path}.secondStaffId`, `names unknown staff id "${secondStaffId}" (a fixed visit stays with its staff)`);
  } else if (visit.staffNeeded === 2) {
    c.fail(`${path}.secondStaffId`, 'is required for a two-person visit (staffNeeded 2)');
  }
  let start: number | undefined;
  if (o.start !== undefined) start = c.number(o.start, `${path}.start`);
  else if (fixed) c.fail(`${path}.start`, 'is required for a fixed visit');
  if (staffId === undefined) return undefined;
  const current: CurrentAssignment = { staffId };
  if (secondStaffId !== undefined) current.secondStaffId = secondStaffId;
  if (start !== undefined) current.start = start;
  return current;
}

/** Fixed visits are facts: one person cannot have done two at once, and a pin cannot contradict one. */
function checkFixedVisits(c: Checker, visits: Visit[]): void {
  const byStaff = new Map<string, { index: number; start: number; end: number }[]>();
  visits.forEach((v, i) => {
    if (v.fixed !== true || v.current?.start === undefined) return;
    const start = v.current.start;
    if (v.pinned?.staffId !== undefined && v.pinned.staffId !== v.current.staffId && v.pinned.staffId !== v.current.secondStaffId) {
      c.fail(`visits[${i}].pinned.staffId`, `contradicts the fixed visit's staff "${v.current.staffId}"`);
    }
    if (v.pinned?.start !== undefined && v.pinned.start !== start) c.fail(`visits[${i}].pinned.start`, `contradicts the fixed visit's start ${start}`);
    for (const staffId of [v.current.staffId, v.current.secondStaffId]) {
      if (staffId === undefined) continue;
      const end = start + (v.durationByStaff?.[staffId] ?? v.duration);
      const list = byStaff.get(staffId) ?? [];
      const clash = list.find((o) => o.start < end && start < o.end);
      if (clash !== undefined) c.fail(`visits[${i}].current.start`, `overlaps fixed visit "${visits[clash.index]!.id}" of staff "${staffId}"`);
      list.push({ index: i, start, end });
      byStaff.set(staffId, list);
    }
  });
}

function readPrecedence(c: Checker, value: unknown, path: string, visitIds: Set<string>): Precedence | undefined {
  const o = c.object(value, path);
  if (o === undefined) return undefined;
  const before = c.string(o.before, `${path}.before`);
  const after = c.string(o.after, `${path}.after`);
  if (before !== undefined && !visitIds.has(before)) c.fail(`${path}.before`, `names unknown visit id "${before}"`);
  if (after !== undefined && !visitIds.has(after)) c.fail(`${path}.after`, `names unknown visit id "${after}"`);
  if (before !== undefined && before === after) c.fail(`${path}.after`, 'must differ from before');
  if (before === undefined || after === undefined) return undefined;
  const p: Precedence = { before, after };
  if (o.from !== undefined) {
    if (o.from === 'start' || o.from === 'end') p.from = o.from;
    else c.fail(`${path}.from`, 'must be "start" or "end"');
  }
  // From the end, `after` cannot start before `before` ends; from the start, it may overlap or come first.
  const fromStart = p.from === 'start';
  const gapOptions = fromStart ? {} : { min: 0 };
  if (o.minGap !== undefined) {
    const n = c.number(o.minGap, `${path}.minGap`, gapOptions);
    if (n !== undefined) p.minGap = n;
  }
  if (o.maxGap !== undefined) {
    const n = c.number(o.maxGap, `${path}.maxGap`, gapOptions);
    if (n !== undefined) p.maxGap = n;
    if (n !== undefined && n < (p.minGap ?? 0)) c.fail(`${path}.maxGap`, p.minGap === undefined ? 'must not be below minGap (default 0)' : 'must not be below minGap');
  }
  return p;
}

/** Pairs of distinct known visits; a pair both pinned to (or fixed with) one person can never be met. */
function readDifferentStaff(c: Checker, value: unknown, visits: Visit[], visitIds: Set<string>): [string, string][] {
  const out: [string, string][] = [];
  const items = c.array(value, 'differentStaff') ?? [];
  const byId = new Map(visits.map((v) => [v.id, v]));
  const people = (v: Visit | undefined): string[] => {
    if (v === undefined) return [];
    if (v.fixed === true && v.current !== undefined) return [v.current.staffId, ...(v.current.secondStaffId === undefined ? [] : [v.current.secondStaffId])];
    return v.pinned?.staffId === undefined ? [] : [v.pinned.staffId];
  };
  items.forEach((item, i) => {
    const path = `differentStaff[${i}]`;
    const pair = c.array(item, path, 2);
    if (pair === undefined) return;
    if (pair.length !== 2) {
      c.fail(path, 'must be a pair of visit ids');
      return;
    }
    const a = c.string(pair[0], `${path}[0]`);
    const b = c.string(pair[1], `${path}[1]`);
    if (a !== undefined && !visitIds.has(a)) c.fail(`${path}[0]`, `names unknown visit id "${a}"`);
    if (b !== undefined && !visitIds.has(b)) c.fail(`${path}[1]`, `names unknown visit id "${b}"`);
    if (a === undefined || b === undefined || !visitIds.has(a) || !visitIds.has(b)) return;
    if (a === b) {
      c.fail(`${path}[1]`, 'must differ from the first visit');
      return;
    }
    const shared = people(byId.get(a)).find((id) => people(byId.get(b)).includes(id));
    if (shared !== undefined) c.fail(path, `both visits are pinned to or fixed with "${shared}", so they cannot have different staff`);
    out.push([a, b]);
  });
  return out;
}
