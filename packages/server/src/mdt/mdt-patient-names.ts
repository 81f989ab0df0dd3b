// An MDT agenda item or action about a patient is that patient's data: it is named only to a reader the
// access seam gives full scope (authorisePatientAccess, told the episode), and each one named is audited
// as a read of that patient. Any other is said to be there, unnamed and without its words.
import type { Kysely } from 'kysely';
import { auditRead, authorisePatientAccess, loadAccessFacts } from '../access/public.ts';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';

type AboutAPatient = { id: string; episodeId: string | null; patient: { id: string } | null };
export type Shown<T extends AboutAPatient> = Omit<T, 'patient'> & { patient: T['patient'] | null; hidden: boolean };

const refusedByAccess = (error: unknown) => error instanceof HomewardError && (error.code === 'forbidden' || error.code === 'no_legitimate_relationship');

/** The rows as this reader may see them: named (and audited) where their grant is full, else hidden. */
export async function nameForReader<T extends AboutAPatient>(
  db: Kysely<Database>,
  o: { actor: Actor; rows: readonly T[]; recordKind: string; detail: Record<string, unknown>; hide: (row: T) => Partial<T> },
): Promise<Array<Shown<T>>> {
  const about = o.rows.filter((r) => r.patient && r.episodeId);
  if (about.length === 0) return o.rows.map((r) => ({ ...r, hidden: false }));
  const episodeIds = [...new Set(about.map((r) => r.episodeId!))];
  const teams = new Map((await db.selectFrom('episodes').select(['id', 'team_id']).where('id', 'in', episodeIds).execute()).map((e) => [e.id, e.team_id]));
  const facts = await loadAccessFacts(db, o.actor.staff, [...new Set(about.map((r) => r.patient!.id))], o.actor.now);
  const shown: Array<Shown<T>> = [];
  for (const r of o.rows) {
    if (!r.patient || !r.episodeId) {
      shown.push({ ...r, hidden: false });
      continue;
    }
    try {
      const grant = await authorisePatientAccess(db, { actor: o.actor, patientId: r.patient.id, action: 'read', recordKind: o.recordKind, record: { id: r.episodeId, teamId: teams.get(r.episodeId) ?? '' }, facts: facts.get(r.patient.id) });
      if (grant.scope !== 'full') throw new HomewardError('forbidden', 'summary only');
      await auditRead(grant, db, { recordKind: o.recordKind, recordId: r.id, detail: o.detail });
      shown.push({ ...r, hidden: false });
    } catch (error) {
      if (!refusedByAccess(error)) throw error;
      shown.push({ ...r, ...o.hide(r), patient: null, hidden: true });
    }
  }
  return shown;
}
