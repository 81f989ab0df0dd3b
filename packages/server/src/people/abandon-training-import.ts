// A previewed import the lead decides not to apply: kept (never deleted), marked 'abandoned', nothing imported.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import type { TeamManager } from './training-access.ts';
import { findTrainingImport } from './training-import-queries.ts';

export type AbandonTrainingImportOptions = { manager: TeamManager; importId: string; version: number };

export async function abandonTrainingImport(trx: Kysely<Database>, o: AbandonTrainingImportOptions): Promise<void> {
  const found = await findTrainingImport(trx, o.importId);
  if (!found || found.teamId !== o.manager.teamId) throw notFound('Import');
  await updateVersioned(trx, {
    actor: o.manager.actor, table: 'training_imports', id: o.importId, version: o.version, what: 'Import',
    set: { status: 'abandoned' }, only: { status: 'previewed' },
    current: () => findTrainingImport(trx, o.importId),
    conflict: (current) => new HomewardError('version_conflict', current.status === 'confirmed' ? 'This import was already confirmed' : 'This import was already cancelled', { current }),
  });
  await auditAs(o.manager.actor, trx, { action: 'write', outcome: 'allowed', recordKind: 'training-import', recordId: o.importId, detail: { step: 'abandoned' } });
}
