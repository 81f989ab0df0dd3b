import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { breakGlassReasonError, decidePatientAccess } from '@homeward/clinical';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { loadAccessFacts } from './relationship-queries.ts';

export type BreakGlassOptions = { actor: Actor; patientId: string; reason: string; detail: string };

/**
 * Opens a patient's record outside a legitimate relationship (or, for a clinician whose team cares for
 * the patient, beyond the summary of another team's episodes), for a stated reason and a limited time,
 * for this clinician only. Refused when there is nothing to open or the clinician is not clinical.
 */
export async function breakGlass(db: Kysely<Database>, o: BreakGlassOptions): Promise<{ id: string; expiresAt: Date }> {
  const principal = o.actor.staff;
  const now = o.actor.now;
  const facts = (await loadAccessFacts(db, principal, [o.patientId], now)).get(o.patientId)!;
  const decision = decidePatientAccess({
    role: principal.role,
    action: 'break-glass',
    hasRelationship: facts.hasRelationship,
    hasActiveBreakGlass: facts.breakGlass !== null,
    hasOtherTeamEpisodes: facts.hasOtherTeamEpisodes,
  });
  if (!decision.allowed) {
    await auditAs(o.actor, db, { action: 'break-glass', outcome: 'refused', patientId: o.patientId, recordKind: 'patient', recordId: o.patientId, detail: { rule: decision.rule } });
    throw new HomewardError('forbidden', decision.message);
  }
  const problem = breakGlassReasonError(o.reason, o.detail);
  if (problem) {
    throw validationFailed([{ path: problem.startsWith('Select') ? 'reason' : 'detail', message: problem }]);
  }
  const id = uuidv7();
  const expiresAt = new Date(now.getTime() + o.actor.config.breakGlassMinutes * 60_000);
  const detail = o.detail.trim() || null;
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('break_glass').values({ id, staff_id: principal.staffId, patient_id: o.patientId, reason: o.reason.trim(), detail, started_at: now, expires_at: expiresAt }).execute();
    await auditAs(o.actor, trx, {
      action: 'break-glass',
      outcome: 'allowed',
      patientId: o.patientId,
      recordKind: 'patient',
      recordId: o.patientId,
      reason: detail ? `${o.reason.trim()}: ${detail}` : o.reason.trim(),
      detail: { breakGlassId: id, expiresAt: expiresAt.toISOString() },
    });
  });
  return { id, expiresAt };
}
