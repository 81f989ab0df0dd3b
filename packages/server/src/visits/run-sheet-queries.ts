// Reading a clinician's run sheet: the team's PUBLISHED plan for the day (never the draft the lead is
// still working on), this clinician's route in it, the visits it names with each patient's banner
// essentials, and what the latest publication changed for them. Three queries whatever the day's size.
import type { Kysely } from 'kysely';
import type { CommunicationNeeds } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { PlanChange, PlannedVisit, VisitDayPlan, VisitPlace, VisitPurpose, VisitStatus } from './visit-day-types.ts';
import { proposeRebookingDay, unavailableWeekdaysOf } from './run-sheet-rebooking.ts';

const dateOnly = (value: Date | string) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

export type RunSheetPatient = {
  id: string;
  givenName: string;
  familyName: string;
  nhsNumber: string;
  dateOfBirth: string;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  postcode: string;
  latitude: number | null;
  longitude: number | null;
  phone: string | null;
  keySafe: boolean;
  accessNotes: string | null;
  riskFlags: string[];
  riskNotes: string | null;
  communicationNeeds: CommunicationNeeds;
};

export type RunSheetVisit = {
  id: string;
  version: number;
  episodeId: string;
  service: string;
  purpose: VisitPurpose;
  place: VisitPlace;
  status: VisitStatus;
  outcomeReason: string | null;
  contactNoteId: string | null;
  durationMinutes: number;
  window: { start: string; end: string } | null;
  arrival: string;
  start: string;
  end: string;
  travelMinutes: number;
  distanceKm: number;
  /** The other member of staff on a two-person visit. */
  withStaff: { id: string; name: string } | null;
  /** Why two staff must come (a hoist, a "visit in pairs" risk flag). */
  staffNeededReason: string | null;
  patient: RunSheetPatient;
  /** The day a rebooking would be proposed for, if it does not happen. */
  proposedRebookOn: string;
};

export type RunSheetItem = ({ kind: 'visit' } & RunSheetVisit) | { kind: 'break'; start: string; end: string };

export type RunSheetChange = PlanChange & { patientId: string | null; patientName: string | null };

export type RunSheet = {
  staffId: string;
  date: string;
  /** False when nothing is published for the team's day yet. */
  published: boolean;
  publishedAt: string | null;
  leave: string | null;
  return: string | null;
  travelMinutes: number;
  distanceKm: number;
  /** Visits and breaks in the order of the day. */
  items: RunSheetItem[];
  visits: RunSheetVisit[];
  /** What the latest publication changed for this clinician (since the one before it). */
  changes: RunSheetChange[];
};

export type ReadRunSheetOptions = { teamId: string; staffId: string; date: string; today: string };

/** This clinician's stops: their own route's, and the two-person visits on a colleague's route that name them. */
function stopsFor(plan: VisitDayPlan, staffId: string): Array<PlannedVisit & { withId: string | null }> {
  const own = plan.routes.find((r) => r.staffId === staffId);
  const stops: Array<PlannedVisit & { withId: string | null }> = (own?.stops ?? []).map((s) => ({ ...s, withId: s.withStaffId }));
  const seen = new Set(stops.map((s) => s.visitId));
  for (const route of plan.routes) {
    if (route.staffId === staffId) continue;
    for (const s of route.stops) if (s.withStaffId === staffId && !seen.has(s.visitId)) stops.push({ ...s, withId: route.staffId });
  }
  return stops.sort((a, b) => a.start.localeCompare(b.start));
}

export async function readRunSheet(db: Kysely<Database>, o: ReadRunSheetOptions): Promise<RunSheet> {
  const empty: RunSheet = { staffId: o.staffId, date: o.date, published: false, publishedAt: null, leave: null, return: null, travelMinutes: 0, distanceKm: 0, items: [], visits: [], changes: [] };
  const plan = await db.selectFrom('visit_plans').select(['id', 'published', 'published_at']).where('team_id', '=', o.teamId).where('on_date', '=', o.date).executeTakeFirst();
  if (!plan || plan.published === null) return empty;
  const published = plan.published as VisitDayPlan;
  const route = published.routes.find((r) => r.staffId === o.staffId) ?? null;
  const stops = stopsFor(published, o.staffId);
  // The latest publication's changes are against the one before; the first publication "adds" every
  // visit, which is no news to anyone, so nothing is said until there has been a second.
  const latest = await db
    .selectFrom('visit_plan_publications')
    .select(['changes'])
    .where('plan_id', '=', plan.id)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(2)
    .execute();
  const changes = latest.length < 2 ? [] : ((latest[0]!.changes as PlanChange[] | null) ?? []).filter((c) => c.staffId === o.staffId);
  const visitIds = [...new Set([...stops.map((s) => s.visitId), ...changes.map((c) => c.visitId)])];
  const staffIds = [...new Set(stops.map((s) => s.withId).filter((id): id is string => id !== null))];
  const [rows, staff] = await Promise.all([
    visitIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('visits as v')
          .innerJoin('episodes as e', 'e.id', 'v.episode_id')
          .innerJoin('patients as p', 'p.id', 'v.patient_id')
          .leftJoin('visit_needs as n', 'n.episode_id', 'v.episode_id')
          .select([
            'v.id', 'v.version', 'v.episode_id', 'v.team_id', 'v.on_date', 'v.purpose', 'v.place', 'v.status', 'v.outcome_reason', 'v.contact_note_id', 'v.duration_minutes', 'v.window_start', 'v.window_end', 'v.staff_needed_reason',
            'e.service', 'n.unavailable_days',
            'p.id as patient_id', 'p.given_name', 'p.family_name', 'p.nhs_number', 'p.date_of_birth', 'p.address_line1', 'p.address_line2', 'p.town', 'p.postcode', 'p.latitude', 'p.longitude', 'p.phone',
            'p.key_safe', 'p.access_notes', 'p.risk_flags', 'p.risk_notes', 'p.communication_needs',
          ])
          .where('v.id', 'in', visitIds)
          // A plan names only its own team's visits; a stale or hand-made plan cannot show another team's patients.
          .where('v.team_id', '=', o.teamId)
          .execute(),
    staffIds.length === 0 ? Promise.resolve([]) : db.selectFrom('staff').select(['id', 'given_name', 'family_name']).where('id', 'in', staffIds).execute(),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const nameOf = new Map(staff.map((s) => [s.id, `${s.given_name} ${s.family_name}`]));
  const visits: RunSheetVisit[] = [];
  for (const s of stops) {
    const r = byId.get(s.visitId);
    // A visit moved to another day since the plan was published is not on this day's sheet.
    if (!r || dateOnly(r.on_date) !== o.date) continue;
    visits.push({
      id: r.id,
      version: r.version,
      episodeId: r.episode_id,
      service: r.service,
      purpose: r.purpose,
      place: r.place,
      status: r.status,
      outcomeReason: r.outcome_reason,
      contactNoteId: r.contact_note_id,
      durationMinutes: r.duration_minutes,
      window: r.window_start && r.window_end ? { start: r.window_start, end: r.window_end } : null,
      arrival: s.arrival,
      start: s.start,
      end: s.end,
      travelMinutes: s.travelMinutes,
      distanceKm: s.distanceKm,
      withStaff: s.withId ? { id: s.withId, name: nameOf.get(s.withId) ?? 'Another member of staff' } : null,
      staffNeededReason: r.staff_needed_reason,
      patient: {
        id: r.patient_id,
        givenName: r.given_name,
        familyName: r.family_name,
        nhsNumber: r.nhs_number,
        dateOfBirth: dateOnly(r.date_of_birth),
        addressLine1: r.address_line1,
        addressLine2: r.address_line2,
        town: r.town,
        postcode: r.postcode,
        latitude: r.latitude,
        longitude: r.longitude,
        phone: r.phone,
        keySafe: r.key_safe,
        accessNotes: r.access_notes,
        riskFlags: (r.risk_flags as string[] | null) ?? [],
        riskNotes: r.risk_notes,
        communicationNeeds: (r.communication_needs as CommunicationNeeds | null) ?? { needs: [], interpreterLanguage: null, notes: null },
      },
      proposedRebookOn: proposeRebookingDay({ visitDate: dateOnly(r.on_date), today: o.today, unavailableWeekdays: unavailableWeekdaysOf(r.unavailable_days) }),
    });
  }
  const items: RunSheetItem[] = [...visits.map((v) => ({ kind: 'visit' as const, ...v })), ...(route?.breaks ?? []).map((b) => ({ kind: 'break' as const, start: b.start, end: b.end }))];
  items.sort((a, b) => a.start.localeCompare(b.start) || (a.kind === 'break' ? 1 : -1));
  const patientOf = (visitId: string) => {
    const r = byId.get(visitId);
    return { patientId: r?.patient_id ?? null, patientName: r ? `${r.given_name} ${r.family_name}` : null };
  };
  return {
    staffId: o.staffId,
    date: o.date,
    published: true,
    publishedAt: plan.published_at ? new Date(plan.published_at).toISOString() : null,
    leave: route?.leave ?? null,
    return: route?.return ?? null,
    travelMinutes: route?.travelMinutes ?? visits.reduce((n, v) => n + v.travelMinutes, 0),
    distanceKm: route?.distanceKm ?? visits.reduce((n, v) => n + v.distanceKm, 0),
    items,
    visits,
    changes: changes.map((c) => ({ ...c, ...patientOf(c.visitId) })),
  };
}

/** One visit with what the outcome and note pages need: its episode, patient, day and who the plan sends. */
export type VisitForOutcome = {
  id: string;
  version: number;
  teamId: string;
  episodeId: string;
  patientId: string;
  date: string;
  purpose: VisitPurpose;
  durationMinutes: number;
  place: VisitPlace;
  status: VisitStatus;
  outcomeReason: string | null;
  rebookedFrom: string | null;
  contactNoteId: string | null;
  unavailableWeekdays: number[];
};

export async function findVisit(db: Kysely<Database>, id: string): Promise<VisitForOutcome | null> {
  const r = await db
    .selectFrom('visits as v')
    .leftJoin('visit_needs as n', 'n.episode_id', 'v.episode_id')
    .select(['v.id', 'v.version', 'v.team_id', 'v.episode_id', 'v.patient_id', 'v.on_date', 'v.purpose', 'v.duration_minutes', 'v.place', 'v.status', 'v.outcome_reason', 'v.rebooked_from', 'v.contact_note_id', 'n.unavailable_days'])
    .where('v.id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    version: r.version,
    teamId: r.team_id,
    episodeId: r.episode_id,
    patientId: r.patient_id,
    date: dateOnly(r.on_date),
    purpose: r.purpose,
    durationMinutes: r.duration_minutes,
    place: r.place,
    status: r.status,
    outcomeReason: r.outcome_reason,
    rebookedFrom: r.rebooked_from,
    contactNoteId: r.contact_note_id,
    unavailableWeekdays: unavailableWeekdaysOf(r.unavailable_days),
  };
}

/** Where the published plan puts a visit: the staff on it and its times, or null when it is not on a published plan. */
export async function findPlannedStop(db: Kysely<Database>, visit: { teamId: string; date: string; id: string }): Promise<{ staffIds: string[]; arrival: string; start: string; end: string } | null> {
  const plan = await db.selectFrom('visit_plans').select(['published']).where('team_id', '=', visit.teamId).where('on_date', '=', visit.date).executeTakeFirst();
  const published = plan?.published as VisitDayPlan | null | undefined;
  if (!published) return null;
  for (const route of published.routes) {
    const stop = route.stops.find((s) => s.visitId === visit.id);
    if (stop) return { staffIds: [route.staffId, ...(stop.withStaffId ? [stop.withStaffId] : [])], arrival: stop.arrival, start: stop.start, end: stop.end };
  }
  return null;
}

/** Who has a route on the team's published plan for the day, for the clinical lead's way to each run sheet (names only: no patient). */
export async function listPublishedRoutes(db: Kysely<Database>, o: { teamId: string; date: string }): Promise<Array<{ staffId: string; name: string; visits: number }>> {
  const plan = await db.selectFrom('visit_plans').select(['published']).where('team_id', '=', o.teamId).where('on_date', '=', o.date).executeTakeFirst();
  const routes = (plan?.published as VisitDayPlan | null | undefined)?.routes ?? [];
  if (routes.length === 0) return [];
  const staff = await db.selectFrom('staff').select(['id', 'given_name', 'family_name']).where('id', 'in', routes.map((r) => r.staffId)).execute();
  return routes
    .map((r) => {
      const s = staff.find((x) => x.id === r.staffId);
      return { staffId: r.staffId, name: s ? `${s.given_name} ${s.family_name}` : 'A member of staff', visits: r.stops.length };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
