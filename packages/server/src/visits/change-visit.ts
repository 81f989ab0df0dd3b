// Changes a visit still to be made: its day, purpose, length, window and pins (pin and unpin are
// changes of the pins alone). Version-checked: a stale version is a 409 with the visit as it is.
// A visit cancelled, done or not let in is not changed (a 409 that says so).
import type { Kysely } from 'kysely';
import type { VisitPurpose } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditWrite } from '../access/public.ts';
import type { EpisodeAccess } from '../caseload/public.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { checkVisit } from './check-visit.ts';
import { visitRecordKind } from './visit-access.ts';
import { findTeamVisit, type TeamVisit } from './visit-queries.ts';

export type VisitChange = {
  date?: string;
  purpose?: VisitPurpose;
  durationMinutes?: number;
  window?: { start: string; end: string } | null;
  pinnedStaffId?: string | null;
  pinnedStart?: string | null;
};

export type ChangeVisitOptions = { access: EpisodeAccess<'write'>; visit: TeamVisit; version: number; change: VisitChange; what?: 'changed' | 'pinned' | 'unpinned' };

export function notToPlan(current: TeamVisit): HomewardError {
  return new HomewardError('version_conflict', current.status === 'cancelled' ? 'This visit has been cancelled, so it cannot be changed. Add a new visit instead.' : 'This visit has been made, so it cannot be changed.', { current, currentPatientId: current.patientId });
}

export async function changeVisit(trx: Kysely<Database>, o: ChangeVisitOptions): Promise<TeamVisit> {
  const episode = o.access.episode;
  const actor = o.access.grant.actor;
  const c = o.change;
  const next = {
    date: c.date ?? o.visit.date,
    purpose: c.purpose ?? o.visit.purpose,
    durationMinutes: c.durationMinutes ?? o.visit.durationMinutes,
    window: c.window === undefined ? o.visit.window : c.window,
    pinnedStaffId: c.pinnedStaffId === undefined ? o.visit.pinnedStaffId : c.pinnedStaffId,
    pinnedStart: c.pinnedStart === undefined ? o.visit.pinnedStart : c.pinnedStart,
  };
  // Unpinning alone is always allowed, even on a day that has gone by since; anything else is checked.
  const unpinOnly = Object.entries(c).every(([key, value]) => (key === 'pinnedStaffId' || key === 'pinnedStart') && value === null);
  if (!unpinOnly) await checkVisit(trx, { actor, teamId: episode.teamId, episodeStatus: episode.status, details: { date: next.date, durationMinutes: next.durationMinutes, window: next.window, pinnedStart: next.pinnedStart }, pinnedStaffId: c.pinnedStaffId === undefined ? null : next.pinnedStaffId });
  await updateVersioned(trx, {
    actor,
    table: 'visits',
    id: o.visit.id,
    version: o.version,
    set: {
      on_date: next.date,
      purpose: next.purpose,
      duration_minutes: next.durationMinutes,
      window_start: next.window?.start ?? null,
      window_end: next.window?.end ?? null,
      pinned_staff_id: next.pinnedStaffId,
      pinned_start: next.pinnedStart,
    },
    only: { status: 'to-plan' },
    current: () => findTeamVisit(trx, o.visit.id),
    conflict: (current) => (current.status !== 'to-plan' ? notToPlan(current) : new HomewardError('version_conflict', 'Someone else changed this visit after you opened it. Your changes were not saved; check the visit as it is now and try again.', { current, currentPatientId: current.patientId })),
    what: 'Visit',
  });
  await auditWrite(o.access.grant, trx, { recordKind: visitRecordKind, recordId: o.visit.id, detail: { change: o.what ?? 'changed', episodeId: episode.id, fields: Object.keys(c) } });
  return (await findTeamVisit(trx, o.visit.id))!;
}
