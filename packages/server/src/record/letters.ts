// Letters produced from a final discharge summary, stored with the record exactly as they were sent:
// the PDF bytes, their text and a sha-256 of the bytes. Producing one is audited as a print; the
// stored rows are append-only (the database refuses updates and deletes).
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import {
  chooseDischargeLetterFormat,
  gpLetterBlocks,
  homewardRoleLabels,
  patientLetterBlocks,
  patientPostalAddress,
  ukDateOf,
  type DischargeLetterFormat,
  type DischargeSummaryContent,
  type LetterAuthor,
  type LetterPatient,
  type LetterPrintSize,
} from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { findPatient } from '../patients/public.ts';
import type { PatientResponse } from '../patients/public.ts';
import { notFound, validationFailed } from '../platform/homeward-error.ts';
import type { PdfDocumentOptions } from '../platform/pdf-document.ts';
import type { DischargeSummaryResponse, LetterProducedResponse, LetterResponse } from './discharge-schema.ts';
import { writerOf, type RecordWriteAccess } from './record-access.ts';
import { episodeIdOf, type RecordAccess } from './record-access-grant.ts';
import { storeLetter } from './store-letter.ts';
import type { EpisodeResponse } from '../caseload/public.ts';

export type LetterRecipient = 'patient' | 'gp';

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();
const nameOf = (p: Pick<PatientResponse, 'givenName' | 'familyName'>) => `${p.givenName} ${p.familyName}`;

function selectLetters(db: Kysely<Database>) {
  return db
    .selectFrom('letters as l')
    .innerJoin('staff as s', 's.id', 'l.produced_by')
    .select([
      'l.id',
      'l.episode_id',
      'l.patient_id',
      'l.kind',
      'l.recipient',
      'l.print_size',
      'l.source_id',
      'l.source_version',
      'l.text_content',
      'l.sha256',
      'l.alternative_formats',
      'l.produced_at',
      'l.produced_by',
      'l.produced_by_role',
      (eb) => eb.fn<number | string>('octet_length', ['l.pdf']).as('bytes'),
      's.given_name',
      's.family_name',
    ]);
}

type LetterRow = Awaited<ReturnType<ReturnType<typeof selectLetters>['executeTakeFirstOrThrow']>>;

function toLetter(r: LetterRow): LetterResponse {
  return {
    id: r.id,
    episodeId: r.episode_id,
    patientId: r.patient_id,
    kind: r.kind,
    recipient: r.recipient,
    printSize: r.print_size,
    summaryId: r.source_id,
    summaryVersion: r.source_version,
    sha256: r.sha256,
    bytes: Number(r.bytes),
    producedAt: iso(r.produced_at),
    producedBy: { id: r.produced_by, name: `${r.given_name} ${r.family_name}`, role: r.produced_by_role },
    pdfHref: `/letters/${r.id}.pdf`,
    textContent: r.text_content,
    alternativeFormatsNeeded: (r.alternative_formats ?? []) as LetterResponse['alternativeFormatsNeeded'],
  };
}

/** One of the episode's letters, by id (null when the episode has no such letter). */
export async function findLetter(db: Kysely<Database>, access: RecordAccess, id: string): Promise<LetterResponse | null> {
  const row = await selectLetters(db).where('l.id', '=', id).where('l.episode_id', '=', episodeIdOf(access)).executeTakeFirst();
  return row ? toLetter(row) : null;
}

/** A letter by id without a grant: for the loader that finds a letter's episode to authorise it. Never for a route. */
export async function findLetterWhere(db: Kysely<Database>, where: { id: string }): Promise<LetterResponse | null> {
  const row = await selectLetters(db).where('l.id', '=', where.id).executeTakeFirst();
  return row ? toLetter(row) : null;
}

/** The episode's letters, most recent first. */
export async function listLetters(db: Kysely<Database>, access: RecordAccess): Promise<LetterResponse[]> {
  const rows = await selectLetters(db).where('l.episode_id', '=', episodeIdOf(access)).orderBy('l.produced_at', 'desc').orderBy('l.id', 'desc').execute();
  return rows.map(toLetter);
}

/** The stored PDF of one of the episode's letters, exactly as it was produced. */
export async function letterPdf(db: Kysely<Database>, access: RecordAccess, id: string): Promise<Buffer> {
  const row = await db.selectFrom('letters').select('pdf').where('id', '=', id).where('episode_id', '=', episodeIdOf(access)).executeTakeFirst();
  if (!row) throw notFound('Letter');
  return Buffer.from(row.pdf);
}

function letterPatient(p: PatientResponse): LetterPatient {
  return {
    givenName: p.givenName,
    familyName: p.familyName,
    nhsNumber: p.nhsNumber,
    dateOfBirth: p.dateOfBirth,
    addressLine1: p.addressLine1 ?? '',
    addressLine2: p.addressLine2,
    town: p.town ?? '',
    postcode: p.postcode ?? '',
    gpPracticeCode: p.gpPracticeCode,
    gpPracticeName: p.gpPracticeName,
    communicationNeeds: p.communicationNeeds ?? null,
  };
}

/** The patient letter's format from the recorded communication needs: default print size, notes, warnings. */
export function patientLetterFormat(patient: PatientResponse): DischargeLetterFormat {
  return chooseDischargeLetterFormat({ needs: patient.communicationNeeds ?? null, patientName: nameOf(patient) });
}

export const noAddressMessage = (patient: PatientResponse) =>
  `${nameOf(patient)} has no postal address recorded (the first line and the postcode are needed), so the letter cannot be posted. Add the address to ${nameOf(patient)}’s details, then produce the letter.`;
export const noGpMessage = (patient: PatientResponse) => `No GP practice is recorded for ${nameOf(patient)}, so the GP copy cannot be addressed. Add the GP practice to ${nameOf(patient)}’s details, then produce the copy.`;

export type CheckLetterRequestOptions = { summary: DischargeSummaryResponse; patient: PatientResponse | null; recipient: LetterRecipient };

/** Everything that refuses a letter, checked before any write so a refusal writes nothing. */
export function checkLetterRequest(o: CheckLetterRequestOptions): PatientResponse {
  if (!o.patient) throw notFound('Patient');
  if (o.summary.status !== 'final') {
    throw validationFailed([{ path: 'summary', message: 'Finalise the discharge summary before producing letters, so each letter says exactly what was finalised' }]);
  }
  if (o.recipient === 'patient' && !patientPostalAddress(letterPatient(o.patient))) throw validationFailed([{ path: 'recipient', message: noAddressMessage(o.patient) }]);
  if (o.recipient === 'gp' && !o.patient.gpPracticeName && !o.patient.gpPracticeCode) throw validationFailed([{ path: 'recipient', message: noGpMessage(o.patient) }]);
  return o.patient;
}

export type BuildDischargeLetterOptions = {
  recipient: LetterRecipient;
  content: DischargeSummaryContent;
  patient: PatientResponse;
  episode: EpisodeResponse;
  team: { name: string; phone: string | null };
  /** yyyy-mm-dd, the UK date printed on the letter. */
  on: string;
  author: LetterAuthor;
  /** Overrides the default: the patient's from their communication needs, standard for the GP. */
  printSize?: LetterPrintSize;
  /** For the GP: the print size the patient's letter was sent in, when it has been. */
  patientPrintSize: LetterPrintSize | null;
};

export type BuiltDischargeLetter = {
  kind: 'discharge-patient' | 'discharge-gp';
  recipient: string;
  printSize: LetterPrintSize;
  document: PdfDocumentOptions;
  alternativeFormatsNeeded: DischargeLetterFormat['alternativeFormats'];
};

/** The letter as it is printed, from the final summary's text. Pure, so the demo's letters are built exactly as the app's. */
export function buildDischargeLetter(o: BuildDischargeLetterOptions): BuiltDischargeLetter {
  const { patient, episode, team } = o;
  const format = patientLetterFormat(patient);
  if (o.recipient === 'patient') {
    const printSize = o.printSize ?? format.printSize;
    const letter = patientLetterBlocks({ content: o.content, patient: letterPatient(patient), teamName: team.name, teamPhone: team.phone, on: o.on, author: o.author, discharged: episode.status === 'discharged', simpleWords: format.simpleWords });
    return { kind: 'discharge-patient', recipient: nameOf(patient), printSize, document: { title: letter.title, header: letter.header, printSize, author: o.author.name, blocks: letter.blocks }, alternativeFormatsNeeded: format.alternativeFormats };
  }
  const printSize = o.printSize ?? 'standard';
  const letter = gpLetterBlocks({
    content: o.content,
    patient: letterPatient(patient),
    service: episode.service,
    teamName: team.name,
    teamPhone: team.phone,
    on: o.on,
    author: o.author,
    episode: { firstContactOn: episode.firstContactAt ? ukDateOf(new Date(episode.firstContactAt)) : null, dischargedOn: episode.dischargedOn, plannedEndOn: episode.plannedEndOn, referralReceivedOn: ukDateOf(new Date(episode.referralReceivedAt)) },
    patientPrintSize: o.patientPrintSize,
  });
  return {
    kind: 'discharge-gp',
    recipient: `GP, ${patient.gpPracticeName ?? patient.gpPracticeCode}${patient.gpPracticeCode && patient.gpPracticeName ? ` (${patient.gpPracticeCode})` : ''}`,
    printSize,
    document: { title: letter.title, header: letter.header, printSize, author: o.author.name, blocks: letter.blocks },
    alternativeFormatsNeeded: [],
  };
}

export type ProduceDischargeLetterOptions = { access: RecordWriteAccess; summary: DischargeSummaryResponse; recipient: LetterRecipient; printSize?: LetterPrintSize };

export async function produceDischargeLetter(trx: Kysely<Database>, o: ProduceDischargeLetterOptions): Promise<LetterProducedResponse> {
  const actor = writerOf(o.access);
  const principal = actor.staff;
  const episode = o.access.episode;
  const patient = checkLetterRequest({ summary: o.summary, patient: await findPatient(trx, episode.patientId), recipient: o.recipient });
  const team = await trx.selectFrom('teams').select(['name', 'phone']).where('id', '=', episode.teamId).executeTakeFirstOrThrow();
  const now = actor.now;
  const sentToPatient = o.recipient === 'gp' ? (await listLetters(trx, o.access)).find((l) => l.kind === 'discharge-patient') : undefined;
  const { kind, recipient, printSize, document, alternativeFormatsNeeded } = buildDischargeLetter({
    recipient: o.recipient,
    content: { sections: o.summary.sections, goalAttainment: o.summary.goalAttainment, draftedAt: o.summary.draftedAt },
    patient,
    episode,
    team,
    on: ukDateOf(now),
    author: { name: principal.name, roleLabel: homewardRoleLabels[principal.role] },
    printSize: o.printSize,
    patientPrintSize: sentToPatient?.printSize ?? null,
  });
  const { id, sha256 } = await storeLetter(trx, {
    id: uuidv7(),
    episode,
    kind,
    recipient,
    document,
    source: { id: o.summary.id, version: o.summary.version },
    alternativeFormats: alternativeFormatsNeeded,
    producedAt: now,
    producedBy: { id: principal.staffId, role: principal.role },
  });
  // Producing a letter takes the record out of Homeward on paper: audited as a print, with what was sent.
  await auditAs(
    actor,
    trx,
    {
      action: 'print',
      outcome: 'allowed',
      patientId: episode.patientId,
      recordKind: 'letter',
      recordId: id,
      reason: o.access.reason,
      detail: { episodeId: episode.id, change: 'letter-produced', kind, printSize, sha256, summaryId: o.summary.id, summaryVersion: o.summary.version, alternativeFormatsNeeded: alternativeFormatsNeeded.map((a) => a.need) },
    },
  );
  return (await findLetter(trx, o.access, id))!;
}
