// Building a meeting's agenda from the team's caseload (caseload's listCaseload: the response clock
// and review dates by its rules) and what the MDT itself knows (flags, open actions from earlier
// meetings), with the one rule in packages/clinical (mdtAgendaReasonsFor). Building it again adds only
// the patients not on it yet: an item is never removed (the table keeps every row), and one already
// on the agenda keeps its place and its words.
import type { Kysely } from 'kysely';
import { compareMdtAgenda, mdtAgendaReasonsFor, ukDateOf, type MdtAgendaReason } from '@homeward/clinical';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { validationFailed } from '../platform/homeward-error.ts';
import { listCaseload } from '../caseload/public.ts';
import { type MeetingAccess, mdtRecordKind } from './mdt-access.ts';

export type BuildAgendaOptions = { access: MeetingAccess };
export type AgendaCandidate = { episodeId: string; patientId: string; reasons: MdtAgendaReason[] };

const dateOnly = (v: string | Date | null) => (v === null ? null : v instanceof Date ? ukDateOf(v) : String(v).slice(0, 10));

/** Who belongs on the agenda of this meeting, and why, most pressing first. */
export async function agendaCandidates(db: Kysely<Database>, o: BuildAgendaOptions): Promise<AgendaCandidate[]> {
  const meeting = o.access.meeting;
  const rows = await listCaseload(db, { kind: 'team', teamId: meeting.teamId }, {}, meeting.startsAt);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.episodeId);
  const facts = await db
    .selectFrom('episodes')
    .select((eb) => [
      'episodes.id',
      'episodes.mdt_flagged_at',
      'episodes.planned_end_on',
      eb.selectFrom('episode_reviews').select('episode_reviews.decision').whereRef('episode_reviews.episode_id', '=', 'episodes.id').orderBy('episode_reviews.held_on', 'desc').orderBy('episode_reviews.recorded_at', 'desc').limit(1).as('last_decision'),
      eb.selectFrom('mdt_actions').select((a) => a.fn.countAll<string>().as('n')).whereRef('mdt_actions.episode_id', '=', 'episodes.id').where('mdt_actions.status', '=', 'open').where('mdt_actions.meeting_id', '<>', meeting.id).as('open_actions'),
    ])
    .where('episodes.id', 'in', ids)
    .execute();
  const byId = new Map(facts.map((f) => [f.id, f]));
  const meetingOn = ukDateOf(meeting.startsAt);
  const candidates: AgendaCandidate[] = [];
  for (const r of rows) {
    const f = byId.get(r.episodeId);
    const reasons = mdtAgendaReasonsFor({
      flagged: !!f?.mdt_flagged_at,
      openActions: Number(f?.open_actions ?? 0),
      clockBreached: r.clock.state === 'breached',
      reviewDueOn: r.reviewDueOn,
      plannedEndOn: dateOnly(f?.planned_end_on ?? null),
      dischargeDecided: f?.last_decision === 'discharge',
      meetingOn,
    });
    if (reasons.length) candidates.push({ episodeId: r.episodeId, patientId: r.patient.id, reasons });
  }
  return candidates.sort((a, b) => compareMdtAgenda(a.reasons, b.reasons));
}

/** Adds to the agenda every patient who belongs on it and is not on it yet; returns the ones added. */
export async function buildAgenda(trx: Kysely<Database>, o: BuildAgendaOptions): Promise<AgendaCandidate[]> {
  const meeting = o.access.meeting;
  if (meeting.status !== 'scheduled') throw validationFailed([{ path: 'meeting', message: 'The agenda is built before the meeting: this one has been held or cancelled' }]);
  const actor = o.access.actor;
  const candidates = await agendaCandidates(trx, o);
  const existing = await trx.selectFrom('mdt_agenda_items').select(['episode_id', 'position']).where('meeting_id', '=', meeting.id).execute();
  const on = new Set(existing.map((e) => e.episode_id));
  let position = existing.reduce((m, e) => Math.max(m, e.position), 0);
  const added = candidates.filter((c) => !on.has(c.episodeId));
  for (const c of added) {
    const id = uuidv7();
    position += 1;
    await trx
      .insertInto('mdt_agenda_items')
      .values({ id, meeting_id: meeting.id, episode_id: c.episodeId, patient_id: c.patientId, reasons: JSON.stringify(c.reasons), position, created_at: actor.now, created_by: actor.staff.staffId, updated_at: actor.now, updated_by: actor.staff.staffId })
      .onConflict((oc) => oc.columns(['meeting_id', 'episode_id']).doNothing())
      .execute();
    // The patient is named on the team's meeting: audited against the patient, as a team list read is.
    await auditAs(actor, trx, { action: 'write', outcome: 'allowed', patientId: c.patientId, recordKind: 'mdt-agenda-item', recordId: id, detail: { meetingId: meeting.id, episodeId: c.episodeId, reasons: c.reasons } });
  }
  await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: mdtRecordKind, recordId: meeting.id, detail: { change: 'agenda-built', added: added.length } });
  return added;
}
