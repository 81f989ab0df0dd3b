// Discharge summaries: one per episode, drafted from the record (discharge-sources.ts), edited while
// a draft (version-checked) by anyone who writes summaries, then signed off as final by the episode's
// holder or a registered clinician of its team (discharge-summary-sign-off.ts) and fixed: the letters
// are produced from the final text.
// Writes and their audit share the transaction.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import {
  applyDischargeSectionEdits,
  checkDischargeSectionEdits,
  checkDischargeSummaryForFinal,
  dischargeSummarySectionHeadings,
  draftDischargeSummary,
  mayFinaliseDischargeSummary,
  mayWriteDischargeSummary,
  type DischargeSectionEdit,
  type DischargeSummaryContent,
} from '@homeward/clinical';
import type { EpisodeResponse } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { auditAs, type ActingStaff, type Actor } from '../platform/actor.ts';
import { isUniqueViolation } from '../platform/database-errors.ts';
import { HomewardError, validationFailed, versionConflict } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { readDischargeFacts } from './discharge-sources.ts';
import type { ChangeDischargeSummaryBody, DischargeSummaryResponse } from './discharge-schema.ts';
import { auditRecordWrite, authoriseRecordWrite, writerOf, type RecordAccess, type RecordWriteAccess } from './record-access.ts';
import { episodeIdOf } from './record-access-grant.ts';

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

/** Writing needs the record-write rule (relationship, a role that writes) and a role that holds discharge decisions. */
export async function authoriseDischargeWrite(db: Kysely<Database>, o: { actor: Actor; episode: EpisodeResponse; kind?: 'discharge-summary' | 'letter' }): Promise<RecordWriteAccess> {
  const { episode } = o;
  const kind = o.kind ?? 'discharge-summary';
  const access = await authoriseRecordWrite(db, { actor: o.actor, episode, kind });
  if (!mayWriteDischargeSummary(access.grant.staff.role)) {
    await auditAs(o.actor, db, { action: 'write', outcome: 'refused', patientId: episode.patientId, recordKind: kind, recordId: episode.id, reason: access.reason, detail: { rule: 'role-does-not-write-discharge-summaries' } });
    throw new HomewardError('forbidden', 'Only an assistant practitioner, registered therapist or clinical lead can write the discharge summary or produce its letters. Ask the clinician who holds the episode.');
  }
  return access;
}

/** Who may sign off this episode's discharge (mayFinaliseDischargeSummary): its holder, or a registered clinician of its team. */
export function signOffDecision(principal: ActingStaff, episode: EpisodeResponse) {
  return mayFinaliseDischargeSummary({ actor: { staffId: principal.staffId, role: principal.role, teamId: principal.teamId }, episode: { teamId: episode.teamId, holderId: episode.allocatedTo } });
}

/** Refuses, before any transaction opens, a finalisation that is not this person's to sign off, and audits the refusal. */
export async function authoriseDischargeFinalise(db: Kysely<Database>, o: { access: RecordAccess }): Promise<void> {
  const { access } = o;
  const actor = access.grant.actor;
  const decision = signOffDecision(actor.staff, access.episode);
  if (decision.allowed) return;
  await auditAs(actor, db, { action: 'write', outcome: 'refused', patientId: access.episode.patientId, recordKind: 'discharge-summary', recordId: access.episode.id, reason: access.reason, detail: { change: 'finalise', rule: decision.rule } });
  throw new HomewardError('forbidden', decision.message);
}

/** The same rule inside the write, so no caller can skip it (the refusal was audited by authoriseDischargeFinalise). */
function requireSignOff(actor: Actor, episode: EpisodeResponse): void {
  const decision = signOffDecision(actor.staff, episode);
  if (!decision.allowed) throw new HomewardError('forbidden', decision.message);
}

function selectSummaries(db: Kysely<Database>) {
  return db
    .selectFrom('discharge_summaries as d')
    .innerJoin('staff as c', 'c.id', 'd.created_by')
    .innerJoin('staff as u', 'u.id', 'd.updated_by')
    .leftJoin('staff as f', 'f.id', 'd.finalised_by')
    .selectAll('d')
    .select([
      'c.given_name as c_given',
      'c.family_name as c_family',
      'c.homeward_role as c_role',
      'u.given_name as u_given',
      'u.family_name as u_family',
      'u.homeward_role as u_role',
      'f.given_name as f_given',
      'f.family_name as f_family',
      'f.homeward_role as f_role',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>['executeTakeFirstOrThrow']>>;

function toSummary(r: SummaryRow): DischargeSummaryResponse {
  const content = r.content as DischargeSummaryContent;
  return {
    id: r.id,
    episodeId: r.episode_id,
    patientId: r.patient_id,
    status: r.status,
    version: r.version,
    sections: content.sections.map((s) => ({ ...s, heading: dischargeSummarySectionHeadings[s.id].clinical, patientHeading: dischargeSummarySectionHeadings[s.id].patient })),
    goalAttainment: content.goalAttainment,
    draftedAt: content.draftedAt,
    createdAt: iso(r.created_at),
    createdBy: { id: r.created_by, name: `${r.c_given} ${r.c_family}`, role: r.c_role },
    updatedAt: iso(r.updated_at),
    updatedBy: { id: r.updated_by, name: `${r.u_given} ${r.u_family}`, role: r.u_role },
    finalisedAt: r.finalised_at ? iso(r.finalised_at) : null,
    finalisedBy: r.finalised_by ? { id: r.finalised_by, name: `${r.f_given} ${r.f_family}`, role: r.f_role ?? '' } : null,
  };
}

/** The episode's discharge summary, if it has one. */
export async function findDischargeSummary(db: Kysely<Database>, access: RecordAccess): Promise<DischargeSummaryResponse | null> {
  return findDischargeSummaryWhere(db, { episodeId: episodeIdOf(access) });
}

/**
 * A summary by id or episode without a grant: for the loader that finds a summary's episode to
 * authorise it, the writes that hold their grant already, and the demo's seeder. Never for a route.
 */
export async function findDischargeSummaryWhere(db: Kysely<Database>, where: { id: string } | { episodeId: string }): Promise<DischargeSummaryResponse | null> {
  const query = 'id' in where ? selectSummaries(db).where('d.id', '=', where.id) : selectSummaries(db).where('d.episode_id', '=', where.episodeId);
  const row = await query.executeTakeFirst();
  return row ? toSummary(row) : null;
}

/** The summary as stored, for merging edits: the content without the headings added for reading. */
function contentOf(summary: DischargeSummaryResponse): DischargeSummaryContent {
  return { sections: summary.sections.map(({ id, text, patientText, source }) => ({ id, text, patientText, source })), goalAttainment: summary.goalAttainment, draftedAt: summary.draftedAt };
}

function alreadyDrafted(existing: DischargeSummaryResponse): HomewardError {
  return new HomewardError(
    'duplicate',
    `This episode already has a discharge summary (${existing.status === 'draft' ? `a draft, version ${existing.version}` : 'final'}). Open it at /episodes/${existing.episodeId}/discharge-summary and edit it there; an episode has one discharge summary.`,
    { current: existing },
  );
}

async function writeAudit(trx: Kysely<Database>, access: RecordWriteAccess, summaryId: string, change: string, detail: Record<string, unknown> = {}) {
  await auditRecordWrite(trx, access, 'discharge-summary', summaryId, { change, ...detail });
}

export type DraftDischargeSummaryOptions = { access: RecordWriteAccess };

/** Drafts the episode's discharge summary from the record; a second draft is refused (409) with the existing one. */
export async function createDischargeSummary(trx: Kysely<Database>, o: DraftDischargeSummaryOptions): Promise<DischargeSummaryResponse> {
  const actor = writerOf(o.access);
  const principal = actor.staff;
  const episode = o.access.episode;
  const existing = await findDischargeSummary(trx, o.access);
  if (existing) throw alreadyDrafted(existing);
  const now = actor.now;
  const content = draftDischargeSummary(await readDischargeFacts(trx, { access: o.access, now }));
  const id = uuidv7();
  try {
    await trx
      .insertInto('discharge_summaries')
      .values({ id, episode_id: episode.id, patient_id: episode.patientId, content: JSON.stringify(content), created_at: now, created_by: principal.staffId, updated_at: now, updated_by: principal.staffId })
      .execute();
  } catch (error) {
    // Two drafts at the same moment: the one-per-episode constraint decides.
    if (isUniqueViolation(error)) throw new HomewardError('duplicate', `This episode already has a discharge summary: someone drafted it at the same moment. Open it at /episodes/${episode.id}/discharge-summary and edit it there.`);
    throw error;
  }
  await writeAudit(trx, o.access, id, 'drafted', { goalAttainment: content.goalAttainment });
  return (await findDischargeSummaryWhere(trx, { id }))!;
}


const finalised = (current: DischargeSummaryResponse) => new HomewardError('version_conflict', 'This discharge summary is final and cannot be changed. Its letters are produced from the final text.', { current });

/** Turns partial section edits (text or patient text) into whole ones, from the summary as it stands. */
export function sectionEditsFrom(summary: DischargeSummaryResponse, sections: ChangeDischargeSummaryBody['sections']): DischargeSectionEdit[] {
  return sections.map((e) => {
    const current = summary.sections.find((s) => s.id === e.id)!;
    return { id: e.id, text: e.text ?? current.text, patientText: e.patientText ?? current.patientText };
  });
}

export function checkSectionEdits(edits: readonly DischargeSectionEdit[]): void {
  const fields = checkDischargeSectionEdits(edits);
  if (fields.length) throw validationFailed(fields);
}

/** Changes a draft's content (and with finalise makes it final); a stale or already-final summary is a 409 with the summary as it stands. */
async function updateContent(trx: Kysely<Database>, actor: Actor, summary: DischargeSummaryResponse, version: number, content: DischargeSummaryContent, extra: { finalise?: boolean } = {}) {
  await updateVersioned(trx, {
    actor,
    table: 'discharge_summaries',
    id: summary.id,
    version,
    set: { content: JSON.stringify(content), ...(extra.finalise ? { status: 'final' as const, finalised_at: actor.now, finalised_by: actor.staff.staffId } : {}) },
    only: { status: 'draft' },
    current: () => findDischargeSummaryWhere(trx, { id: summary.id }),
    conflict: (current) => (current.status === 'final' ? finalised(current) : versionConflict(current)),
    what: 'Discharge summary',
  });
}

export type ChangeDischargeSummaryOptions = { access: RecordWriteAccess; summary: DischargeSummaryResponse; edits: DischargeSectionEdit[]; version: number; finalise?: boolean };

/** Saves the clinician's edits to a draft; with finalise, the edited summary is then checked and made final in the same write. */
export async function changeDischargeSummary(trx: Kysely<Database>, o: ChangeDischargeSummaryOptions): Promise<DischargeSummaryResponse> {
  const actor = writerOf(o.access);
  if (o.finalise) requireSignOff(actor, o.access.episode);
  if (o.summary.status === 'final') throw finalised(o.summary);
  checkSectionEdits(o.edits);
  const content = applyDischargeSectionEdits(contentOf(o.summary), o.edits);
  if (o.finalise) {
    const fields = checkDischargeSummaryForFinal(content);
    if (fields.length) throw validationFailed(fields);
  }
  await updateContent(trx, actor, o.summary, o.version, content, { finalise: o.finalise });
  await writeAudit(trx, o.access, o.summary.id, 'edited', { sections: o.edits.map((e) => e.id) });
  if (o.finalise) await writeAudit(trx, o.access, o.summary.id, 'finalised');
  return (await findDischargeSummaryWhere(trx, { id: o.summary.id }))!;
}

export type FinaliseDischargeSummaryOptions = { access: RecordWriteAccess; summary: DischargeSummaryResponse; version: number };

export async function finaliseDischargeSummary(trx: Kysely<Database>, o: FinaliseDischargeSummaryOptions): Promise<DischargeSummaryResponse> {
  const actor = writerOf(o.access);
  requireSignOff(actor, o.access.episode);
  if (o.summary.status === 'final') throw finalised(o.summary);
  const fields = checkDischargeSummaryForFinal(contentOf(o.summary));
  if (fields.length) throw validationFailed(fields);
  await updateContent(trx, actor, o.summary, o.version, contentOf(o.summary), { finalise: true });
  await writeAudit(trx, o.access, o.summary.id, 'finalised');
  return (await findDischargeSummaryWhere(trx, { id: o.summary.id }))!;
}

export type RedraftDischargeSummaryOptions = { access: RecordWriteAccess; summary: DischargeSummaryResponse; version: number };

/** Drafts every section again from the record as it is now (after more ratings or scores): the draft's edits are replaced. */
export async function redraftDischargeSummary(trx: Kysely<Database>, o: RedraftDischargeSummaryOptions): Promise<DischargeSummaryResponse> {
  const actor = writerOf(o.access);
  if (o.summary.status === 'final') throw finalised(o.summary);
  const content = draftDischargeSummary(await readDischargeFacts(trx, { access: o.access, now: actor.now }));
  await updateContent(trx, actor, o.summary, o.version, content);
  await writeAudit(trx, o.access, o.summary.id, 'redrafted', { goalAttainment: content.goalAttainment });
  return (await findDischargeSummaryWhere(trx, { id: o.summary.id }))!;
}
