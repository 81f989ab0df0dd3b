// Records what an open episode needs in visits: the first time a new row, after that a version-checked
// change (a stale version is a 409 with the needs as they are). The rules (visitNeedsProblems) are
// checked again here so no caller can skip them; the preferred clinician must be in the team.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { visitNeedsProblems, type VisitNeeds } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditWrite } from '../access/public.ts';
import type { EpisodeAccess } from '../caseload/public.ts';
import { HomewardError, validationFailed, versionConflict, type FieldError } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { visitNeedsRecordKind } from './visit-access.ts';
import { findVisitNeeds, type RecordedVisitNeeds } from './visit-needs-queries.ts';
import { teamVisitorIds } from './team-visitors.ts';

export type RecordVisitNeedsOptions = {
  access: EpisodeAccess<'write'>;
  needs: VisitNeeds & { notes: string | null };
  /** The version read; null when none were recorded yet (the defaults were shown). */
  version: number | null;
};

const joinPath = (path: (string | number)[]) => path.join('.');

/** Problems with needs for this episode, with field paths, including the team checks. */
export async function visitNeedsFieldErrors(db: Kysely<Database>, o: { access: EpisodeAccess<'write'>; needs: VisitNeeds }): Promise<FieldError[]> {
  const episode = o.access.episode;
  const fields: FieldError[] = visitNeedsProblems(o.needs, { complexity: episode.complexity }).map((p) => ({ path: joinPath(p.path), message: p.message }));
  if (episode.status === 'discharged') fields.unshift({ path: 'episodeId', message: 'The episode has been discharged, so its visit needs cannot change' });
  if (o.needs.preferredStaffId !== null && !(await teamVisitorIds(db, episode.teamId)).has(o.needs.preferredStaffId)) {
    fields.push({ path: 'preferredStaffId', message: 'The preferred clinician must be someone in the team' });
  }
  return fields;
}

export async function recordVisitNeeds(trx: Kysely<Database>, o: RecordVisitNeedsOptions): Promise<RecordedVisitNeeds> {
  const episode = o.access.episode;
  const actor = o.access.grant.actor;
  const fields = await visitNeedsFieldErrors(trx, o);
  if (fields.length) throw validationFailed(fields);
  const n = o.needs;
  const values = {
    duration_minutes: n.durationMinutes,
    place: n.place,
    windows: JSON.stringify(n.windows),
    unavailable_days: JSON.stringify([...n.unavailableDays].sort()),
    staff_needed: n.staffNeeded,
    staff_needed_reason: n.staffNeeded === 2 ? (n.staffNeededReason?.trim() || null) : null,
    registered_required: n.registeredRequired || episode.complexity === 'complex',
    skills: JSON.stringify(n.skills),
    preferred_staff_id: n.preferredStaffId,
    notes: n.notes,
  };
  const existing = await trx.selectFrom('visit_needs').select(['id', 'version']).where('episode_id', '=', episode.id).executeTakeFirst();
  let id: string;
  if (!existing) {
    if (o.version !== null) throw new HomewardError('not_found', 'No visit needs have been recorded for this episode yet: send no version to record them');
    id = uuidv7();
    // Two first saves at once: the second waits for the first and finds its row, a conflict (409 with
    // what the first recorded), never a unique-violation 500.
    const inserted = await trx
      .insertInto('visit_needs')
      .values({ id, episode_id: episode.id, patient_id: episode.patientId, team_id: episode.teamId, ...values, created_at: actor.now, created_by: actor.staff.staffId, updated_at: actor.now, updated_by: actor.staff.staffId })
      .onConflict((c) => c.column('episode_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw versionConflict(await findVisitNeeds(trx, episode.id), { patientId: episode.patientId });
  } else {
    // Someone recorded them while this writer had the defaults open: a conflict, never an overwrite.
    if (o.version === null) throw versionConflict(await findVisitNeeds(trx, episode.id), { patientId: episode.patientId });
    id = existing.id;
    await updateVersioned(trx, {
      actor,
      table: 'visit_needs',
      id,
      version: o.version,
      set: values,
      current: () => findVisitNeeds(trx, episode.id),
      what: 'Visit needs',
      patientId: episode.patientId,
    });
  }
  await auditWrite(o.access.grant, trx, { recordKind: visitNeedsRecordKind, recordId: id, detail: { episodeId: episode.id, change: existing ? 'changed' : 'recorded' } });
  return (await findVisitNeeds(trx, episode.id))!;
}
