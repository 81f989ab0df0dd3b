// An import as stored: its preview (what each row would do) and where it stands.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { TrainingImportPreview } from './preview-training-import.ts';

export type TrainingImport = {
  id: string; version: number; fileName: string; sha256: string; status: 'previewed' | 'confirmed' | 'abandoned';
  teamId: string; createdAt: string; createdBy: string; confirmedAt: string | null;
  preview: TrainingImportPreview;
  /** Completions this import added (once confirmed). */
  added: number;
};

export async function findTrainingImport(db: Kysely<Database>, id: string): Promise<TrainingImport | null> {
  const row = await db.selectFrom('training_imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const added = await db.selectFrom('training_completions').select((eb) => eb.fn.countAll<string>().as('n')).where('import_id', '=', id).executeTakeFirstOrThrow();
  const stored = (typeof row.preview === 'string' ? JSON.parse(row.preview) : row.preview) as TrainingImportPreview & { teamId: string };
  const { teamId, ...preview } = stored;
  return {
    id: row.id, version: row.version, fileName: row.file_name, sha256: row.sha256, status: row.status, teamId,
    createdAt: new Date(row.created_at).toISOString(), createdBy: row.created_by, confirmedAt: row.confirmed_at ? new Date(row.confirmed_at).toISOString() : null,
    preview, added: Number(added.n),
  };
}
