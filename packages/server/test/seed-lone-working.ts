// Lone-working sessions and alerts written straight to the database, for the board's tests (integration
// and browser) without the clinician's pages or the timers: what the board reads, as they would leave it.
import { uuidv7 } from 'uuidv7';
import type { LoneWorkingAlertKind, LoneWorkingAlertStatus, LoneWorkingSessionStatus } from '../src/db/schema.ts';
import type { TestApp } from './test-app.ts';

export type SeedSessionOptions = {
  staffId: string;
  teamId?: string;
  patientId?: string | null;
  /** The planned visit it is for (origin 'plan'); none: started by hand. */
  visitId?: string | null;
  place?: string;
  /** ISO instants */
  start: string;
  end: string;
  status?: LoneWorkingSessionStatus;
  checkedInAt?: string;
  checkedOutAt?: string;
};

export async function seedLoneWorkingSession(t: Pick<TestApp, 'db' | 'clock' | 'service'>, o: SeedSessionOptions): Promise<string> {
  const id = uuidv7();
  const at = t.clock.now();
  const status = o.status ?? 'expected';
  await t.db.insertInto('lone_working_sessions').values({
    id, team_id: o.teamId ?? t.service.teamA, staff_id: o.staffId, on_date: o.start.slice(0, 10), origin: o.visitId ? 'plan' : 'by-hand', visit_id: o.visitId ?? null,
    patient_id: o.patientId ?? null, place: o.place ?? '12 Waterloo Road, Burslem, ST6 3HR', expected_start: new Date(o.start), expected_end: new Date(o.end), status,
    checked_in_at: o.checkedInAt ? new Date(o.checkedInAt) : null, checked_in_received_at: o.checkedInAt ? new Date(o.checkedInAt) : null,
    checked_out_at: o.checkedOutAt ? new Date(o.checkedOutAt) : null, checked_out_received_at: o.checkedOutAt ? new Date(o.checkedOutAt) : null,
    cancelled_reason: status === 'cancelled' ? 'Patient in hospital' : null,
    created_at: at, created_by: o.staffId, updated_at: at, updated_by: o.staffId,
  }).execute();
  return id;
}

export type SeedAlertOptions = { staffId: string; teamId?: string; sessionId?: string | null; kind: LoneWorkingAlertKind; status: LoneWorkingAlertStatus; dueAt: string; level?: number; note?: string | null };

export async function seedLoneWorkingAlert(t: Pick<TestApp, 'db' | 'clock' | 'service'>, o: SeedAlertOptions): Promise<string> {
  const id = uuidv7();
  const at = t.clock.now();
  const raised = o.status === 'raised' || o.status === 'acknowledged' || o.status === 'closed';
  const lead = t.service.a['clinical-lead'].id;
  await t.db.insertInto('lone_working_alerts').values({
    id, team_id: o.teamId ?? t.service.teamA, staff_id: o.staffId, session_id: o.sessionId ?? null, kind: o.kind, status: o.status, note: o.note ?? null,
    due_at: new Date(o.dueAt), level: o.level ?? (raised ? 1 : 0), raised_at: raised ? new Date(o.dueAt) : null,
    acknowledged_at: o.status === 'acknowledged' ? at : null, acknowledged_by: o.status === 'acknowledged' ? lead : null,
    created_at: at, created_by: null, updated_at: at, updated_by: null,
  }).execute();
  return id;
}

/**
 * A clinician's working week on the rota, every day 08:30-16:30, with the work phone and car a responder
 * is given (Blue Ford Fiesta and 07700 900123 unless said otherwise; null for none).
 */
export async function seedWorkingWeek(t: Pick<TestApp, 'db' | 'clock' | 'service'>, o: { staffId: string; workPhone?: string | null; car?: string | null }): Promise<void> {
  const now = t.clock.now();
  const lead = t.service.a['clinical-lead'].id;
  const week = JSON.stringify([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:30', end: '16:30', breakMinutes: 30 })));
  await t.db.insertInto('rota_patterns').values({
    id: uuidv7(), staff_id: o.staffId, team_id: t.service.teamA, week, starts_from: 'base', car_driver: true,
    work_phone: o.workPhone === undefined ? '07700 900123' : o.workPhone, car_description: o.car === undefined ? 'Blue Ford Fiesta AB12 CDE' : o.car,
    created_at: now, created_by: lead, updated_at: now, updated_by: lead,
  }).execute();
}
