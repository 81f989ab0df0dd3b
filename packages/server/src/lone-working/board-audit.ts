// The board names patients (where each clinician is): each one shown is audited as read, once per
// patient, with the sessions and alerts it showed, before the board is sent, as the run sheet does
// (visits/run-sheet-audit.ts). A board with no patient on it is audited too, without a patient, so
// the access trail shows it was looked at. Every refresh, by hand or by the live stream, is a read.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { boardKind } from './board-access.ts';
import { patientsOnBoard, type Board } from './board-queries.ts';

export async function auditBoardRead(db: Kysely<Database>, o: { actor: Actor; board: Board; via: 'page' | 'live' }): Promise<void> {
  const detail = { list: boardKind, date: o.board.date, via: o.via };
  const byPatient = patientsOnBoard(o.board);
  for (const [patientId, shown] of byPatient) {
    await auditAs(o.actor, db, { action: 'read', outcome: 'allowed', patientId, recordKind: 'lone-working-session', detail: { ...detail, ...shown } });
  }
  if (byPatient.size === 0) {
    const count = o.board.alerts.length + o.board.overdue.length + o.board.inVisit.length + o.board.expected.length + o.board.done.length;
    await auditAs(o.actor, db, { action: 'read', outcome: 'allowed', recordKind: boardKind, detail: { ...detail, count } });
  }
}
