// A run sheet names patients: each one shown (on a visit, or in what changed) is audited as read, once
// per patient, with the visits it showed, before the sheet is sent. A sheet with nobody on it is
// audited too, without a patient, so the access trail shows it was looked at.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import type { RunSheet } from './run-sheet-queries.ts';
import { runSheetKind } from './run-sheet-access.ts';

export async function auditRunSheetRead(db: Kysely<Database>, o: { actor: Actor; sheet: RunSheet; via: 'page' | 'api' }): Promise<void> {
  const byPatient = new Map<string, string[]>();
  const add = (patientId: string, visitId: string) => {
    const ids = byPatient.get(patientId) ?? [];
    if (!ids.includes(visitId)) byPatient.set(patientId, [...ids, visitId]);
  };
  for (const v of o.sheet.visits) add(v.patient.id, v.id);
  for (const c of o.sheet.changes) if (c.patientId !== null) add(c.patientId, c.visitId);
  const detail = { list: runSheetKind, staffId: o.sheet.staffId, date: o.sheet.date };
  for (const [patientId, visitIds] of byPatient) {
    await auditAs(o.actor, db, { action: 'read', outcome: 'allowed', patientId, recordKind: 'visit', detail: { ...detail, visitIds } });
  }
  if (byPatient.size === 0) await auditAs(o.actor, db, { action: 'read', outcome: 'allowed', recordKind: runSheetKind, detail: { ...detail, count: 0 } });
}
