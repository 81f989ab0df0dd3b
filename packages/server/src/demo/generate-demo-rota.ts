// The demo's rota, decided from the staff's keys and today (the seeder writes it through the rota's rules):
// most work Monday to Friday, 08:30 to 16:30 with half an hour's break; a few start earlier or later, one
// works four days; a few cover the weekend as extra shifts; one is on annual leave this working week; and
// someone registered is on call every day. Weekend cover matters: on a Saturday a first start's "today"
// is a weekend day, and it should still show a team at work.
import { addCalendarDays, isClinicalRole, mondayOf, weekdayOfDate, type HomewardRole, type VisitNeeds } from '@homeward/clinical';

export type DemoRotaStaff = { id: string; key: string; homewardRole: HomewardRole; teamKey: string };

export type DemoPatternDay = { weekday: number; start: string; end: string; breakMinutes: number };

export type DemoPattern = {
  staffId: string;
  week: DemoPatternDay[];
  startsFrom: 'base' | 'home';
  carDriver: boolean;
  home: { latitude: number; longitude: number } | null;
};

export type DemoRotaException = { staffId: string; kind: 'annual-leave' | 'extra-shift'; startsOn: string; endsOn: string; startTime: string | null; endTime: string | null; note: string };

export type DemoOnCall = { teamKey: string; date: string; staffId: string; managerStaffId: string | null };

export type DemoRota = { patterns: DemoPattern[]; exceptions: DemoRotaException[]; onCall: DemoOnCall[] };

/** Each team's base: a community hospital (the teams' base_location names), for the planner's start and end. */
export const demoTeamBases: Record<string, { latitude: number; longitude: number }> = {
  // Haywood Community Hospital, High Lane, Burslem.
  'north-staffs': { latitude: 53.0556, longitude: -2.1975 },
  // Cannock Chase Hospital, Brunswick Road, Cannock.
  stafford: { latitude: 52.6935, longitude: -2.0185 },
};

const day = (weekday: number, start = '08:30', end = '16:30', breakMinutes = 30): DemoPatternDay => ({ weekday, start, end, breakMinutes });
const weekdays = (start?: string, end?: string) => [1, 2, 3, 4, 5].map((w) => day(w, start, end));

/** Hours that differ from the usual week, by staff key; everyone else clinical works Monday to Friday, 08:30 to 16:30. */
const usualWeeks: Record<string, DemoPatternDay[]> = {
  'ot-1': weekdays('08:00', '16:00'),
  // Part time: four days, no Fridays.
  'ot-3': [1, 2, 3, 4].map((w) => day(w)),
  'pt-3': weekdays('09:00', '17:00'),
  'support-worker-1': weekdays('08:00', '16:00'),
  'support-worker-3': weekdays('09:30', '17:30'),
  'student-1': weekdays('09:00', '16:30'),
};

/** Two who start their day from home (their homes near the patients they see most: Leek, Biddulph). */
const homes: Record<string, { latitude: number; longitude: number }> = {
  'pt-2': { latitude: 53.1041, longitude: -2.0268 },
  'assistant-practitioner-2': { latitude: 53.1172, longitude: -2.1689 },
};

/** Who covers each weekend day, by team: [Saturday's, Sunday's]. */
const weekendCover: Record<string, [string[], string[]]> = {
  'north-staffs': [['pt-1', 'ot-3', 'support-worker-2'], ['ot-1', 'assistant-practitioner-1']],
  stafford: [['stafford-pt', 'stafford-support-worker'], ['stafford-ot']],
};

/** Registered staff who take turns on call, by team. */
const onCallTurns: Record<string, string[]> = {
  'north-staffs': ['pt-1', 'ot-1', 'pt-2', 'ot-3', 'clinical-lead'],
  stafford: ['stafford-pt', 'stafford-ot', 'stafford-clinical-lead'],
};

/** On annual leave for the working week of today (or the next, from a weekend). */
const onLeave = 'ot-2';

/** The rota for the days from `today` for `days` days (weekend cover and on call within them). */
export function generateDemoRota(o: { staff: readonly DemoRotaStaff[]; today: string; days: number }): DemoRota {
  const byKey = new Map(o.staff.map((s) => [s.key, s]));
  // The service manager manages; the rota is of those who visit.
  const clinical = o.staff.filter((s) => isClinicalRole(s.homewardRole) && s.homewardRole !== 'service-manager');
  const patterns = clinical.map((s): DemoPattern => ({
    staffId: s.id,
    week: usualWeeks[s.key] ?? weekdays(),
    startsFrom: homes[s.key] ? 'home' : 'base',
    // Students go out with someone; everyone else drives.
    carDriver: s.homewardRole !== 'student',
    home: homes[s.key] ?? null,
  }));

  const dates = Array.from({ length: o.days }, (_, i) => addCalendarDays(o.today, i));
  const exceptions: DemoRotaException[] = [];
  for (const date of dates) {
    const weekday = weekdayOfDate(date);
    if (weekday < 6) continue;
    for (const [teamKey, [saturday, sunday]] of Object.entries(weekendCover)) {
      for (const key of weekday === 6 ? saturday : sunday) {
        const s = byKey.get(key);
        if (s?.teamKey === teamKey) exceptions.push({ staffId: s.id, kind: 'extra-shift', startsOn: date, endsOn: date, startTime: '09:00', endTime: '15:00', note: 'Weekend cover' });
      }
    }
  }
  const leave = byKey.get(onLeave);
  if (leave) {
    const monday = weekdayOfDate(o.today) >= 6 ? addCalendarDays(mondayOf(o.today), 7) : mondayOf(o.today);
    exceptions.push({ staffId: leave.id, kind: 'annual-leave', startsOn: monday, endsOn: addCalendarDays(monday, 4), startTime: null, endTime: null, note: 'Annual leave' });
  }

  const onCall: DemoOnCall[] = [];
  for (const [teamKey, turns] of Object.entries(onCallTurns)) {
    const lead = o.staff.find((s) => s.teamKey === teamKey && s.homewardRole === 'clinical-lead') ?? null;
    const people = turns.map((k) => byKey.get(k)).filter((s): s is DemoRotaStaff => s !== undefined && s.teamKey === teamKey);
    if (people.length === 0) continue;
    dates.forEach((date, i) => {
      // At a weekend, someone covering it that day is on call; in the week, the turns go round.
      const weekday = weekdayOfDate(date);
      const cover = weekday >= 6 ? (weekendCover[teamKey]?.[weekday - 6] ?? []).map((k) => byKey.get(k)).find((s) => s && people.includes(s)) : undefined;
      const working = people.filter((s) => (usualWeeks[s.key] ?? weekdays()).some((d) => d.weekday === weekday));
      const who = cover ?? working[i % Math.max(1, working.length)] ?? people[i % people.length]!;
      onCall.push({ teamKey, date, staffId: who.id, managerStaffId: lead && lead.id !== who.id ? lead.id : null });
    });
  }
  return { patterns, exceptions, onCall };
}

/**
 * An episode's visit needs as its team would record them, from triage's defaults: the holder preferred
 * (continuity); triage's profession ('OT', 'PT') left to who holds the episode, not asked of every
 * visitor, so assistants and support workers can carry on the programme (a complex episode still needs
 * someone registered); every fifth patient seen while a carer is there, every seventh not on Tuesdays.
 */
export function demoVisitNeeds(o: { defaults: VisitNeeds; holder: string | null; index: number }): VisitNeeds & { notes: string | null } {
  const d = o.defaults;
  const carer = o.index % 5 === 2;
  const notTuesdays = o.index % 7 === 3;
  return {
    durationMinutes: d.durationMinutes,
    place: d.place,
    windows: carer ? [{ days: null, start: '09:00', end: '11:00', note: 'Carer there in the morning' }] : [],
    unavailableDays: notTuesdays ? [2] : [],
    staffNeeded: d.staffNeeded,
    staffNeededReason: d.staffNeededReason,
    registeredRequired: d.registeredRequired,
    skills: d.skills.filter((s) => s !== 'OT' && s !== 'PT'),
    preferredStaffId: o.holder,
    notes: notTuesdays ? 'Day centre on Tuesdays' : null,
  };
}
