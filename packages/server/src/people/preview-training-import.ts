// An ESR-style CSV export previewed: every row classified (classifyEsrRows) against the importing
// lead's team and the courses, stored with the file's SHA-256 as a 'previewed' import. Nothing else
// changes until it is confirmed. A file that cannot be read at all (too large, empty, not CSV, the wrong
// columns) is refused with the reason, and nothing is stored.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { parse } from 'csv-parse/sync';
import { uuidv7 } from 'uuidv7';
import { classifyEsrRows, esrFileSizeProblem, esrMaxRows, readEsrHeading, summariseEsrRows, ukDateOf, type EsrRowOutcome } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { HomewardError, validationFailed } from '../platform/homeward-error.ts';
import type { TeamManager } from './training-access.ts';
import { listTeamPeople, listTrainingCourses } from './training-queries.ts';

export type TrainingImportPreview = {
  rows: EsrRowOutcome[];
  summary: { add: number; noChange: number; problems: number };
  /** When this very file was confirmed before (the same SHA-256): it changes nothing. */
  sameFileConfirmedAt: string | null;
};

export type PreviewTrainingImportOptions = { manager: TeamManager; id?: string; fileName: string; csv: string };

/** The rows of a CSV text, or a refusal that says why it cannot be read. */
export function readCsvRows(csv: string): string[][] {
  const tooBig = esrFileSizeProblem(csv);
  if (tooBig) throw validationFailed([{ path: 'csv', message: tooBig }]);
  // Counting lines first keeps a file of millions of short rows from being parsed at all.
  if (csv.split('\n', esrMaxRows + 3).length > esrMaxRows + 1) throw validationFailed([{ path: 'csv', message: `The file has more than ${esrMaxRows.toLocaleString('en-GB')} rows: export your team only` }]);
  try {
    return parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw validationFailed([{ path: 'csv', message: `The file is not a CSV file Homeward can read${line ? ` (the problem is on line ${line})` : ''}: export it from ESR again as CSV` }]);
  }
}

export async function previewTrainingImport(trx: Kysely<Database>, o: PreviewTrainingImportOptions): Promise<{ id: string; preview: TrainingImportPreview }> {
  const fileName = o.fileName.trim() || 'pasted.csv';
  if (fileName.length > 200) throw validationFailed([{ path: 'fileName', message: 'The file name must be 200 characters or fewer' }]);
  const [headings, ...rows] = readCsvRows(o.csv);
  const heading = readEsrHeading(headings ?? []);
  if (!heading.ok) throw validationFailed([{ path: 'csv', message: heading.message }]);
  if (rows.length === 0) throw validationFailed([{ path: 'csv', message: 'The file has headings but no rows' }]);
  const { actor, teamId } = o.manager;
  const [people, courses] = await Promise.all([listTeamPeople(trx, teamId), listTrainingCourses(trx, { activeOnly: true })]);
  const peopleIds = people.map((p) => p.id);
  const recorded = peopleIds.length === 0 ? [] : await trx.selectFrom('training_completions').select(['staff_id', 'course_id', 'completed_on']).where('staff_id', 'in', peopleIds).execute();
  const outcomes = classifyEsrRows({
    heading, rows,
    people: new Map(people.map((p) => [p.email.toLowerCase(), { id: p.id, name: p.name }])),
    courses: courses.map((c) => ({ id: c.id, code: c.code, name: c.name, renewalMonths: c.renewalMonths })),
    recorded: new Set(recorded.map((r) => `${r.staff_id} ${r.course_id} ${r.completed_on}`)),
    today: ukDateOf(actor.now),
  });
  const sha256 = createHash('sha256').update(o.csv).digest('hex');
  const earlier = await trx.selectFrom('training_imports').select('confirmed_at').where('sha256', '=', sha256).where('status', '=', 'confirmed').orderBy('confirmed_at', 'desc').executeTakeFirst();
  const preview: TrainingImportPreview = { rows: outcomes, summary: summariseEsrRows(outcomes), sameFileConfirmedAt: earlier?.confirmed_at ? new Date(earlier.confirmed_at).toISOString() : null };
  const id = o.id ?? uuidv7();
  const by = actor.staff.staffId;
  const inserted = await trx.insertInto('training_imports').values({
    id, file_name: fileName, sha256, preview: JSON.stringify({ ...preview, teamId }), created_at: actor.now, created_by: by, updated_at: actor.now, updated_by: by,
  }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
  if (!inserted) throw new HomewardError('duplicate', 'An import with this id already exists');
  await auditAs(actor, trx, { action: 'write', outcome: 'allowed', recordKind: 'training-import', recordId: id, detail: { step: 'previewed', sha256, ...preview.summary } });
  return { id, preview };
}
