// The supervisor writes up a session: date, type, themes, the cases discussed (each an episode the
// supervisor may write to, through the access seam: a case is patient data) and the actions agreed
// (owner, due date). It stays 'recorded' until the supervisee confirms it.
import type { Kysely } from 'kysely';
import { formatDisplayDate, supervisionSessionProblems, ukDateOf, type SupervisionSessionKind } from '@homeward/clinical';
import { auditWrite, requireGrant, type WriteGrant } from '../access/public.ts';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { findCurrentArrangement, findSupervisionSession } from './supervision-queries.ts';
import { supervisionCaseRecordKind, supervisionRecordKind, type SupervisionSession } from './supervision-types.ts';

/** A case discussed: the episode, the grant to write about its patient (from authorisePatientAccess), the note. */
export type SupervisionCaseInput = { id: string; episodeId: string; teamId: string; grant: WriteGrant; note: string };
export type SupervisionActionInput = { id: string; action: string; ownerId: string; dueOn: string };

export type RecordSupervisionSessionOptions = {
  actor: Actor;
  id: string;
  superviseeId: string;
  heldOn: string;
  kind: SupervisionSessionKind;
  themes: string;
  cases: SupervisionCaseInput[];
  actions: SupervisionActionInput[];
};

export async function recordSupervisionSession(trx: Kysely<Database>, o: RecordSupervisionSessionOptions): Promise<SupervisionSession> {
  const by = o.actor.staff.staffId;
  const today = ukDateOf(o.actor.now);
  const arrangement = await findCurrentArrangement(trx, o.superviseeId, today);
  if (arrangement?.supervisorId !== by) throw new HomewardError('forbidden', 'Only the supervisee’s current supervisor writes up their supervision.');
  const problems = supervisionSessionProblems({
    session: { heldOn: o.heldOn, themes: o.themes, cases: o.cases.map((c) => ({ episodeId: c.episodeId, note: c.note })), actions: o.actions },
    superviseeId: o.superviseeId, supervisorId: by, today,
  });
  // A session before this supervisor's arrangement began was not theirs to hold.
  if (o.heldOn < arrangement.startsOn && !problems.some((p) => p.path === 'heldOn')) problems.push({ path: 'heldOn', message: `The date of the session must be on or after ${formatDisplayDate(arrangement.startsOn)}, when you became the supervisor` });
  if (problems.length) throw validationFailed(problems);
  const now = o.actor.now;
  // Ids may be the client's: one already used is a 409 'duplicate' (the whole session rolls back), never a database error.
  const duplicate = (what: string) => new HomewardError('duplicate', `A supervision ${what} with this id already exists`);
  const session = await trx.insertInto('supervision_sessions').values({ id: o.id, supervisee_id: o.superviseeId, supervisor_id: by, held_on: o.heldOn, kind: o.kind, themes: o.themes.trim(), created_at: now, created_by: by, updated_at: now, updated_by: by }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!session) throw duplicate('session');
  for (const c of o.cases) {
    const grant = requireGrant(c.grant);
    // The grant is for this episode's patient, decided about this episode.
    if (grant.record?.id !== c.episodeId) throw new Error('The access grant is for another episode');
    const inserted = await trx.insertInto('supervision_cases').values({ id: c.id, session_id: o.id, episode_id: c.episodeId, patient_id: grant.patientId, note: c.note.trim(), created_at: now, created_by: by }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    if (!inserted) throw duplicate('case');
    await auditWrite(grant, trx, { recordKind: supervisionCaseRecordKind, recordId: c.id, detail: { sessionId: o.id, episodeId: c.episodeId } });
  }
  for (const a of o.actions) {
    const inserted = await trx.insertInto('supervision_actions').values({ id: a.id, session_id: o.id, action: a.action.trim(), owner_id: a.ownerId, due_on: a.dueOn, created_at: now, created_by: by, updated_at: now, updated_by: by }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
    if (!inserted) throw duplicate('action');
  }
  await auditAs(o.actor, trx, { action: 'write', outcome: 'allowed', recordKind: supervisionRecordKind, recordId: o.id, detail: { change: 'session-recorded', superviseeId: o.superviseeId, cases: o.cases.length, actions: o.actions.length } });
  return (await findSupervisionSession(trx, o.id))!;
}
