// The day's sessions from what the team published (issue 14 #1): one per member of staff per home
// visit on the published plan (a two-person visit: one each, naming the other). A re-publication moves
// the expected times of sessions still expected, and cancels (with the reason) those whose visit left
// the plan or went to someone else. A session already checked in or out is the clinician's own
// account of where they were: the plan never changes it.
import { uuidv7 } from 'uuidv7';
import { sql, type Kysely } from 'kysely';
import { fromUkWallClock } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import type { VisitDayPlan } from '../visits/public.ts';
import { scheduleSessionChecks } from './schedule-session-checks.ts';

export type SyncSessionsFromPlanOptions = { actor: Actor; teamId: string; date: string };

export type SyncSessionsResult = { created: string[]; moved: string[]; cancelled: string[] };

type Wanted = { visitId: string; staffId: string; withStaffId: string | null; start: Date; end: Date };

export const sessionKind = 'lone-working-session';

/** What the published plan sends each person to: home visits only (a clinic or ward is not lone working). */
function wantedFrom(plan: VisitDayPlan, date: string): Wanted[] {
  const out: Wanted[] = [];
  for (const route of plan.routes) {
    for (const s of route.stops) {
      const start = fromUkWallClock(date, s.start);
      const end = fromUkWallClock(date, s.end);
      if (!start || !end || end <= start) continue;
      out.push({ visitId: s.visitId, staffId: route.staffId, withStaffId: s.withStaffId, start, end });
      if (s.withStaffId && s.withStaffId !== route.staffId) out.push({ visitId: s.visitId, staffId: s.withStaffId, withStaffId: route.staffId, start, end });
    }
  }
  return out;
}

export async function syncSessionsFromPlan(trx: Kysely<Database>, o: SyncSessionsFromPlanOptions): Promise<SyncSessionsResult> {
  // The plan's row, locked: two syncs of one day (a re-publication while the first ran) take turns,
  // and each reads the latest publication.
  const plan = await trx.selectFrom('visit_plans').select(['id', 'published']).where('team_id', '=', o.teamId).where('on_date', '=', o.date).forUpdate().executeTakeFirst();
  const published = (plan?.published as VisitDayPlan | null | undefined) ?? null;
  const planned = published ? wantedFrom(published, o.date) : [];
  const visitIds = [...new Set(planned.map((w) => w.visitId))];
  const visits = visitIds.length === 0
    ? []
    : await trx
        .selectFrom('visits as v')
        .innerJoin('patients as p', 'p.id', 'v.patient_id')
        .select(['v.id', 'v.place', 'v.status', 'v.patient_id', 'p.address_line1', 'p.address_line2', 'p.town', 'p.postcode', 'p.latitude', 'p.longitude'])
        .where('v.id', 'in', visitIds)
        .where('v.team_id', '=', o.teamId)
        .execute();
  const visitOf = new Map(visits.map((v) => [v.id, v]));
  const wanted = planned.filter((w) => {
    const v = visitOf.get(w.visitId);
    return v !== undefined && v.place === 'home' && v.status !== 'cancelled' && v.status !== 'no-access';
  });
  // Locked, in a fixed order: a check-in or check-out of one of them in flight is waited for, so what
  // is read here is what the clinician last did, and a session they checked in to is never moved or
  // cancelled (the updates below also change only a row still in the state read).
  const existing = await trx.selectFrom('lone_working_sessions').selectAll().where('team_id', '=', o.teamId).where('on_date', '=', o.date).where('origin', '=', 'plan').orderBy('id').forUpdate().execute();
  const key = (visitId: string | null, staffId: string) => `${visitId}|${staffId}`;
  const existingOf = new Map(existing.map((s) => [key(s.visit_id, s.staff_id), s]));
  const result: SyncSessionsResult = { created: [], moved: [], cancelled: [] };
  const now = o.actor.now;
  const by = o.actor.staff.staffId;
  const audit = (sessionId: string, patientId: string | null, change: string) =>
    auditAs(o.actor, trx, { action: 'write', outcome: 'allowed', recordKind: sessionKind, recordId: sessionId, patientId, detail: { change, date: o.date } });

  for (const w of wanted) {
    const v = visitOf.get(w.visitId)!;
    const place = [v.address_line1, v.address_line2, v.town, v.postcode].filter((p) => p && p.trim()).join(', ');
    const found = existingOf.get(key(w.visitId, w.staffId));
    if (!found) {
      const id = uuidv7();
      const inserted = await trx.insertInto('lone_working_sessions').values({
        id, team_id: o.teamId, staff_id: w.staffId, on_date: o.date, origin: 'plan', visit_id: w.visitId, patient_id: v.patient_id,
        place, latitude: v.latitude, longitude: v.longitude, with_staff_id: w.withStaffId, expected_start: w.start, expected_end: w.end,
        created_at: now, created_by: by, updated_at: now, updated_by: by,
      }).onConflict((oc) => oc.columns(['visit_id', 'staff_id']).where('visit_id', 'is not', null).doNothing()).returning('id').executeTakeFirst().then((r) => r ?? null);
      if (!inserted) continue;
      result.created.push(id);
      await audit(id, v.patient_id, 'created-from-plan');
      await scheduleSessionChecks(trx, { sessionId: id, now });
      continue;
    }
    if (found.status === 'checked-in' || found.status === 'checked-out') continue;
    const moved = new Date(found.expected_start).getTime() !== w.start.getTime() || new Date(found.expected_end).getTime() !== w.end.getTime();
    const back = found.status === 'cancelled';
    if (!moved && !back && found.with_staff_id === w.withStaffId && found.place === place) continue;
    const changed = await trx.updateTable('lone_working_sessions').set({
      expected_start: w.start, expected_end: w.end, with_staff_id: w.withStaffId, place, latitude: v.latitude, longitude: v.longitude,
      status: 'expected', cancelled_reason: null, version: sql`version + 1`, updated_at: now, updated_by: by,
    }).where('id', '=', found.id).where('status', '=', found.status).executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) continue;
    await audit(found.id, found.patient_id, back ? 'back-on-plan' : moved ? 'times-moved' : 'details-changed');
    if (moved || back) {
      result.moved.push(found.id);
      await scheduleSessionChecks(trx, { sessionId: found.id, now });
    }
  }

  const stillWanted = new Set(wanted.map((w) => key(w.visitId, w.staffId)));
  const plannedVisits = new Set(wanted.map((w) => w.visitId));
  for (const s of existing) {
    if (s.status !== 'expected' || stillWanted.has(key(s.visit_id, s.staff_id))) continue;
    const reason = s.visit_id && plannedVisits.has(s.visit_id)
      ? 'The visit went to someone else when the plan was published again'
      : 'The visit is no longer on the published plan';
    const cancelled = await trx.updateTable('lone_working_sessions').set({ status: 'cancelled', cancelled_reason: reason, version: sql`version + 1`, updated_at: now, updated_by: by }).where('id', '=', s.id).where('status', '=', 'expected').executeTakeFirst();
    if (Number(cancelled.numUpdatedRows) === 0) continue;
    result.cancelled.push(s.id);
    await audit(s.id, s.patient_id, 'cancelled-off-plan');
  }
  return result;
}
