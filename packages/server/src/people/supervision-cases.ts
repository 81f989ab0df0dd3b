// Cases discussed in supervision are patient data: each goes through the access seam
// (authorisePatientAccess, told the episode) before it is written or named, and each one shown is
// audited as a read of that patient. A case the reader may not see is said to be there, unnamed.
import type { Kysely } from 'kysely';
import { auditRead, authorisePatientAccess, loadAccessFacts, type WriteGrant } from '../access/public.ts';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import { listSessionCases } from './supervision-queries.ts';
import { supervisionCaseRecordKind } from './supervision-types.ts';

export type ShownCase = { id: string; episodeId: string; note: string; patient: { id: string; name: string; nhsNumber: string } | null };
export type CaseChoice = { episodeId: string; patientName: string; nhsNumber: string; service: string };

const refusedByAccess = (error: unknown) => error instanceof HomewardError && (error.code === 'forbidden' || error.code === 'no_legitimate_relationship');

/** A session's cases for this reader: those they may see named (and audited), the rest unnamed and without their notes. */
export async function readSessionCases(db: Kysely<Database>, o: { actor: Actor; sessionId: string; via: 'page' | 'api' }): Promise<ShownCase[]> {
  const rows = await listSessionCases(db, o.sessionId);
  if (rows.length === 0) return [];
  const facts = await loadAccessFacts(db, o.actor.staff, [...new Set(rows.map((r) => r.patientId))], o.actor.now);
  const patients = new Map((await db.selectFrom('patients').select(['id', 'given_name', 'family_name', 'nhs_number']).where('id', 'in', rows.map((r) => r.patientId)).execute()).map((p) => [p.id, p]));
  const shown: ShownCase[] = [];
  for (const r of rows) {
    try {
      const grant = await authorisePatientAccess(db, { actor: o.actor, patientId: r.patientId, action: 'read', recordKind: supervisionCaseRecordKind, record: { id: r.episodeId, teamId: r.teamId }, facts: facts.get(r.patientId) });
      if (grant.scope !== 'full') throw new HomewardError('forbidden', 'summary only');
      await auditRead(grant, db, { recordKind: supervisionCaseRecordKind, recordId: r.id, detail: { sessionId: o.sessionId, via: o.via } });
      const p = patients.get(r.patientId)!;
      shown.push({ id: r.id, episodeId: r.episodeId, note: r.note, patient: { id: p.id, name: `${p.given_name} ${p.family_name}`, nhsNumber: p.nhs_number } });
    } catch (error) {
      if (!refusedByAccess(error)) throw error;
      shown.push({ id: r.id, episodeId: r.episodeId, note: '', patient: null });
    }
  }
  return shown;
}

/** The write grant for a case about this episode, or a refusal the form shows against the field. */
export async function authoriseCaseWrite(db: Kysely<Database>, o: { actor: Actor; episodeId: string; path: string }): Promise<{ episodeId: string; teamId: string; grant: WriteGrant }> {
  const episode = await db.selectFrom('episodes').select(['id', 'patient_id', 'team_id']).where('id', '=', o.episodeId).executeTakeFirst();
  if (!episode) throw validationFailed([{ path: o.path, message: 'Choose a patient from the list' }]);
  const grant = await authorisePatientAccess(db, { actor: o.actor, patientId: episode.patient_id, action: 'write', recordKind: supervisionCaseRecordKind, record: { id: episode.id, teamId: episode.team_id } });
  return { episodeId: episode.id, teamId: episode.team_id, grant };
}

/**
 * The episodes a supervisee works on (allocated, or supervised on), still open, that this supervisor may
 * write about: the choices for "cases discussed". Those shown are audited as one list read.
 */
export async function listCaseChoices(db: Kysely<Database>, o: { actor: Actor; superviseeId: string }): Promise<CaseChoice[]> {
  const rows = await db
    .selectFrom('episodes as e')
    .innerJoin('patients as p', 'p.id', 'e.patient_id')
    .select(['e.id', 'e.team_id', 'e.service', 'p.id as patient_id', 'p.given_name', 'p.family_name', 'p.nhs_number'])
    .where('e.status', '<>', 'discharged')
    .where((eb) => eb.or([
      eb('e.allocated_to', '=', o.superviseeId),
      eb.exists(eb.selectFrom('episode_supervisions as s').select('s.id').whereRef('s.episode_id', '=', 'e.id').where('s.staff_id', '=', o.superviseeId).where('s.ended_at', 'is', null)),
    ]))
    .orderBy('p.family_name').orderBy('p.given_name').orderBy('e.id')
    .limit(200)
    .execute();
  if (rows.length === 0) return [];
  const facts = await loadAccessFacts(db, o.actor.staff, [...new Set(rows.map((r) => r.patient_id))], o.actor.now);
  const allowed = rows.filter((r) => {
    const f = facts.get(r.patient_id);
    // Only the supervisor's own team's episodes, where they have a relationship: no break-glass for a picker.
    return f?.found === true && f.hasRelationship && r.team_id === o.actor.staff.teamId;
  });
  if (allowed.length) await auditListOfCases(db, o.actor, allowed.map((r) => ({ episodeId: r.id, patientId: r.patient_id })));
  return allowed.map((r) => ({ episodeId: r.id, patientName: `${r.given_name} ${r.family_name}`, nhsNumber: r.nhs_number, service: r.service }));
}

async function auditListOfCases(db: Kysely<Database>, actor: Actor, shown: Array<{ episodeId: string; patientId: string }>): Promise<void> {
  await auditAs(actor, db, { action: 'read', outcome: 'allowed', recordKind: supervisionCaseRecordKind, detail: { list: 'supervision-case-choices', count: shown.length, episodeIds: shown.map((s) => s.episodeId), patientIds: shown.map((s) => s.patientId) } });
}
