// What an MDT row shows when its patient is not for this reader, and the owner's own open actions as
// they may see them: those from their current team's meetings decided per patient (mdt-patient-names.ts),
// any left from a team they have moved from said to be there, without the patient or its words.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { nameForReader, type Shown } from './mdt-patient-names.ts';
import { listActions, type MdtAction, type MdtAgendaItem } from './mdt-queries.ts';

export const hiddenActionText = 'An MDT action about a patient you cannot see';

export const hiddenAction = (): Partial<MdtAction> => ({ action: hiddenActionText, closingNote: null, episodeId: null, agendaItemId: null });
export const hiddenAgendaItem = (): Partial<MdtAgendaItem> => ({ discussion: null, decision: null, reasons: [] });

/** The owner's open actions: their current team's named as their access allows; another team's unnamed. */
export async function myActions(db: Kysely<Database>, o: { actor: Actor; teamId: string | null; detail: Record<string, unknown> }): Promise<Array<Shown<MdtAction> & { elsewhere: boolean }>> {
  const all = await listActions(db, { ownerId: o.actor.staff.staffId, openOnly: true });
  const here = all.filter((a) => o.teamId !== null && a.meetingTeamId === o.teamId);
  const named = new Map((await nameForReader(db, { actor: o.actor, rows: here, recordKind: 'mdt-action', detail: o.detail, hide: hiddenAction })).map((a) => [a.id, a]));
  return all.map((a) => {
    const shown = named.get(a.id);
    if (shown) return { ...shown, elsewhere: false };
    return a.patient ? { ...a, ...hiddenAction(), patient: null, hidden: true, elsewhere: true } : { ...a, hidden: false, elsewhere: true };
  });
}
