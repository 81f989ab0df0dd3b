// A previewed import confirmed: the rows the preview said it would add are added (version-checked, once:
// the import becomes 'confirmed' in the same transaction). A completion recorded since the preview,
// or by the same file imported before, is skipped by the unique person-course-day index, so the same
// file twice changes nothing.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import type { TeamManager } from './training-access.ts';
import { findTrainingImport, type TrainingImport } from './training-import-queries.ts';

export type ConfirmTrainingImportOptions = { manager: TeamManager; importId: string; version: number };

function notPreviewed(current: TrainingImport): Error {
  return new HomewardError('version_conflict', current.status === 'confirmed' ? 'This import was already confirmed: nothing more was changed' : 'This import was cancelled: preview the file again to import it', { current });
}

export async function confirmTrainingImport(trx: Kysely<Database>, o: ConfirmTrainingImportOptions): Promise<{ added: number }> {
  const { actor, teamId } = o.manager;
  const found = await findTrainingImport(trx, o.importId);
  if (!found || found.teamId !== teamId) throw notFound('Import');
  await updateVersioned(trx, {
    actor, table: 'training_imports', id: o.importId, version: o.version, what: 'Import',
    set: { status: 'confirmed', confirmed_at: actor.now }, only: { status: 'previewed' },
    current: () => findTrainingImport(trx, o.importId), conflict: notPreviewed,
  });
  const toAdd = found.preview.rows.flatMap((r) => (r.outcome === 'add' ? [r] : []));
  let added = 0;
  if (toAdd.length) {
    const inserted = await trx.insertInto('training_completions').values(toAdd.map((r) => ({
      id: uuidv7(), staff_id: r.staffId, course_id: r.courseId, completed_on: r.completedOn, expires_on: r.expiresOn, source: 'esr-import' as const, import_id: o.importId, created_at: actor.now, created_by: actor.staff.staffId,
    }))).onConflict((oc) => oc.columns(['staff_id', 'course_id', 'completed_on']).doNothing()).returning('id').execute();
    added = inserted.length;
  }
  await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: 'training-import', recordId: o.importId, detail: { step: 'confirmed', added, skipped: toAdd.length - added } });
  return { added };
}
