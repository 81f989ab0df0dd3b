// Completion logs: whoever writes in the record logs that an activity was (or was not) done. A support
// worker logs only the visits delegated to her, or what the patient or a carer reports; the refusal is
// audited. Logs are clinical entries: append-only (the database refuses changes).
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { checkProgrammeCompletion, mayLogCompletion, ukDateOf, type HomewardRole } from '@homeward/clinical';
import { currentCompetenceIds } from '../staff/public.ts';
import { episodeDateFacts } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { auditRecordWrite, writerOf, type RecordAccess, type RecordWriteAccess } from './record-access.ts';
import { programmeKind } from './programme-activities.ts';
import { listProgramme } from './programme-queries.ts';
import type { ActivityResponse, CompletionBody, CompletionResponse } from './programme-schema.ts';

/** A support worker's competences current on the day, which her own delegated visits must stay within; null for other roles. */
export async function competencesForLogging(db: Kysely<Database>, role: HomewardRole, staffId: string, onDay: string): Promise<string[] | null> {
  return role === 'support-worker' ? currentCompetenceIds(db, staffId, { onDay }) : null;
}

/** Who may log this activity on whose report, once record write access is granted. Run before any transaction. */
export type AuthoriseCompletionLogOptions = { access: RecordAccess; activity: ActivityResponse; reportedBy: CompletionBody['reportedBy'] };

export async function authoriseCompletionLog(db: Kysely<Database>, o: AuthoriseCompletionLogOptions): Promise<void> {
  const actor = o.access.grant.actor;
  const { activity, reportedBy } = o;
  const episode = o.access.episode;
  const principal = actor.staff;
  const competencesHeld = await competencesForLogging(db, principal.role, principal.staffId, ukDateOf(actor.now));
  const decision = mayLogCompletion({ role: principal.role, staffId: principal.staffId, reportedBy, delivererKind: activity.deliverer.kind, delivererStaffId: activity.deliverer.staffId, competence: activity.competence, competencesHeld });
  if (!decision.allowed) {
    await auditAs(actor, db, { action: 'write', outcome: 'refused', patientId: episode.patientId, recordKind: programmeKind, recordId: activity.id, detail: { rule: decision.rule, change: 'completion-logged', reportedBy } });
    throw new HomewardError('forbidden', decision.message);
  }
}

/** The checks that need no database, run before any transaction opens. */
export function checkCompletionInput(now: Date, access: RecordAccess, activity: ActivityResponse, input: CompletionBody): void {
  const fields = checkProgrammeCompletion({ doneOn: input.doneOn, outcome: input.outcome, note: input.note, startsOn: activity.startsOn, dates: episodeDateFacts(access.episode, now) });
  if (fields.length) throw validationFailed(fields);
}

export type LogProgrammeCompletionOptions = { access: RecordWriteAccess; activity: ActivityResponse; input: CompletionBody };

export async function logProgrammeCompletion(trx: Kysely<Database>, o: LogProgrammeCompletionOptions): Promise<CompletionResponse> {
  const actor = writerOf(o.access);
  const principal = actor.staff;
  const now = actor.now;
  checkCompletionInput(actor.now, o.access, o.activity, o.input);
  const id = o.input.id ?? uuidv7();
  try {
    await trx
      .insertInto('programme_completions')
      .values({
        id,
        activity_id: o.activity.id,
        episode_id: o.access.episode.id,
        patient_id: o.access.episode.patientId,
        done_on: o.input.doneOn,
        outcome: o.input.outcome,
        reported_by: o.input.reportedBy,
        note: o.input.note,
        recorded_at: now,
        recorded_by: principal.staffId,
        recorded_by_role: principal.role,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new HomewardError('duplicate', 'A completion with this id already exists');
    throw error;
  }
  await auditRecordWrite(trx, o.access, programmeKind, o.activity.id, { change: 'completion-logged', completionId: id, doneOn: o.input.doneOn, outcome: o.input.outcome, reportedBy: o.input.reportedBy });
  const [activity] = await listProgramme(trx, o.access, { activityId: o.activity.id, today: ukDateOf(now) });
  return activity!.completions.find((c) => c.id === id)!;
}
