// The Discharge Ready Date and, when the patient stays past it, why (issue 18 #1, D2A): recorded on the
// episode through caseload's changeEpisode (version-checked, in the episode's history, audited as an
// episode write), each reason an append-only row in episode_delays in the same transaction, so the D2A
// report counts what was said at the time.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { delayReasonProblem, isDelayReason, ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { changeEpisode, type EpisodeAccess, type EpisodeResponse } from '../caseload/public.ts';

export type RecordDischargeReadyOptions = { access: EpisodeAccess<'write'>; version: number; readyOn: string | null; reasons: string[]; note: string | null };

export const delayNoteLimit = 2000;

/** The rules, before the transaction opens and again inside it. */
export function dischargeReadyProblems(o: Omit<RecordDischargeReadyOptions, 'version'>, now: Date): FieldError[] {
  const fields: FieldError[] = [];
  const episode = o.access.episode;
  const today = ukDateOf(now);
  if (o.readyOn === null) {
    fields.push({ path: 'readyOn', message: 'Enter the Discharge Ready Date' });
    return fields;
  }
  if (o.readyOn > today) fields.push({ path: 'readyOn', message: 'The Discharge Ready Date must be today or in the past' });
  const started = ukDateOf(new Date(episode.clockStartsAt));
  if (o.readyOn < started) fields.push({ path: 'readyOn', message: `The Discharge Ready Date must be on or after the referral was accepted (${started})` });
  if (episode.dischargedOn && o.readyOn > episode.dischargedOn) fields.push({ path: 'readyOn', message: 'The Discharge Ready Date cannot be after the discharge' });
  const problem = delayReasonProblem({ readyOn: o.readyOn, dischargedOn: episode.dischargedOn ?? null, reasons: o.reasons, note: o.note });
  if (problem) fields.push({ path: problem.startsWith('Say') ? 'note' : 'reasons', message: problem });
  const endOfStay = episode.dischargedOn ?? today;
  if (o.reasons.length && endOfStay <= o.readyOn) fields.push({ path: 'reasons', message: 'A delay reason is for a patient still with the service after their Discharge Ready Date' });
  if (o.note && o.note.length > delayNoteLimit) fields.push({ path: 'note', message: `The note must be ${delayNoteLimit} characters or fewer` });
  return fields;
}

export async function recordDischargeReady(trx: Kysely<Database>, o: RecordDischargeReadyOptions): Promise<EpisodeResponse> {
  const actor = o.access.grant.actor;
  const fields = dischargeReadyProblems(o, actor.now);
  if (fields.length) throw validationFailed(fields);
  const reasons = [...new Set(o.reasons.filter(isDelayReason))];
  const updated = await changeEpisode(trx, {
    grant: o.access.grant,
    episodeId: o.access.episode.id,
    version: o.version,
    set: { discharge_ready_on: o.readyOn },
    event: { kind: 'discharge-ready', reason: null, detail: { readyOn: o.readyOn, reasons, ...(o.note ? { note: o.note } : {}) } },
  });
  for (const reason of reasons) {
    await trx.insertInto('episode_delays').values({
      id: uuidv7(), episode_id: o.access.episode.id, patient_id: o.access.episode.patientId, reason, note: o.note,
      recorded_at: actor.now, recorded_by: actor.staff.staffId, recorded_by_role: actor.staff.role,
    }).execute();
  }
  return updated;
}
