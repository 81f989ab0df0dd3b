// The carer's sheet: the programme's current activities in plain English (what to do, how often, who
// helps) and who to call, printed in standard or large print. Large print is the default when the
// patient's communication needs say so (Accessible Information Standard). Every sheet produced is
// stored in letters exactly as printed, with its text and a sha-256 of the PDF, and the print audited.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { describeAfterDischargeForPatient, describeWhoHelps, formatDisplayDate, formatNhsNumber, ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { notFound, validationFailed } from '../platform/homeward-error.ts';
import type { PdfBlock, PdfDocumentOptions, PrintSize } from '../platform/pdf-document.ts';
import { findPatient } from '../patients/public.ts';
import { writerOf, type RecordWriteAccess } from './record-access.ts';
import { listProgramme } from './programme-queries.ts';
import type { ActivityResponse } from './programme-schema.ts';
import { storeLetter } from './store-letter.ts';

export const carerSheetTitle = 'Your exercises and activities';
export const carerSheetRecipient = 'Patient and carers';

type SheetPatient = { givenName: string; familyName: string; nhsNumber: string; communicationNeeds: { needs: readonly string[] } };

/** Large print when the patient's communication needs include it; standard otherwise. */
export function defaultPrintSize(patient: Pick<SheetPatient, 'communicationNeeds'>): PrintSize {
  return patient.communicationNeeds.needs.includes('large-print') ? 'large' : 'standard';
}

/**
 * The activities a sheet printed today lists: active, and not yet past their end date; after discharge,
 * only those handed over to someone who carries them on (the team's own part has ended).
 */
export function currentActivities(activities: readonly ActivityResponse[], today: string, discharged = false): ActivityResponse[] {
  const running = discharged ? (a: ActivityResponse) => a.status === 'handed-over' : (a: ActivityResponse) => a.status === 'active';
  return activities.filter((a) => running(a) && (a.endsOn === null || a.endsOn >= today));
}

/** Who helps, as the sheet says it: after a hand-over, whoever took it over, never the team. */
function whoHelps(a: ActivityResponse): string {
  if (a.status === 'handed-over') return describeAfterDischargeForPatient({ status: a.status, handedOverTo: a.handedOverTo, discharged: true });
  return describeWhoHelps({ delivererKind: a.deliverer.kind, name: a.deliverer.name });
}

/** A telephone number read across a line break is easily misdialled: keep it on one line. */
const unbroken = (text: string) => text.replace(/ /g, '\u00a0');

export type BuildCarerSheetOptions = {
  patient: SheetPatient;
  activities: readonly ActivityResponse[];
  team: { name: string; baseLocation: string; phone: string | null };
  /** Who holds the episode, named so the family knows who to ask for. */
  therapistName: string | null;
  printSize: PrintSize;
  today: string;
  /** The day the team's care ended, yyyy-mm-dd; null while the patient is still on the caseload. */
  dischargedOn?: string | null;
};

/** The sheet as a document: no codes, no abbreviations, addressed to the patient. */
export function buildCarerSheet(o: BuildCarerSheetOptions): PdfDocumentOptions {
  const name = `${o.patient.givenName} ${o.patient.familyName}`;
  const blocks: PdfBlock[] = [
    { kind: 'paragraph', text: `For ${name}, and anyone who helps with these activities.` },
    o.dischargedOn
      ? { kind: 'paragraph', text: `Printed on ${formatDisplayDate(o.today)}. Your therapy with ${o.team.name} finished on ${formatDisplayDate(o.dischargedOn)}, so the therapy team no longer visits for these activities. Here is who helps you with each one now.` }
      : { kind: 'paragraph', text: `Printed on ${formatDisplayDate(o.today)}. Your therapy team may give you a new sheet when your activities change.` },
  ];
  for (const a of o.activities) {
    blocks.push({ kind: 'heading', text: a.title });
    const rows = [
      { key: 'What to do', value: a.instructions },
      { key: 'How often', value: a.frequency },
      { key: 'Who helps', value: whoHelps(a) },
    ];
    if (a.startsOn > o.today) rows.push({ key: 'Start on', value: formatDisplayDate(a.startsOn) });
    if (a.endsOn) rows.push({ key: 'Keep going until', value: formatDisplayDate(a.endsOn) });
    blocks.push({ kind: 'rows', rows });
  }
  blocks.push(
    { kind: 'heading', text: 'Who to call' },
    {
      kind: 'paragraph',
      text: `If you have a question about these activities, or something is not going well, call ${o.team.name}${o.team.phone ? ` on ${unbroken(o.team.phone)}` : ` at ${o.team.baseLocation}`}${o.therapistName ? ` and ask for ${o.therapistName}` : ''}.`,
    },
    { kind: 'heading', text: 'Stay safe' },
    { kind: 'paragraph', text: 'Stop and rest if you feel unwell, dizzy, very short of breath or in pain, and tell your therapy team. In an emergency, call 999.' },
  );
  return { title: carerSheetTitle, printSize: o.printSize, header: `${name} · NHS number ${formatNhsNumber(o.patient.nhsNumber)}`, author: o.team.name, blocks };
}

export type ProduceCarerSheetOptions = { access: RecordWriteAccess; printSize: PrintSize | null };
export type ProducedCarerSheet = { letterId: string; pdf: Buffer; printSize: PrintSize; filename: string };

export async function produceCarerSheet(trx: Kysely<Database>, o: ProduceCarerSheetOptions): Promise<ProducedCarerSheet> {
  const actor = writerOf(o.access);
  const principal = actor.staff;
  const now = actor.now;
  const today = ukDateOf(now);
  const episode = o.access.episode;
  const patient = await findPatient(trx, episode.patientId);
  if (!patient) throw notFound('Patient');
  const discharged = episode.status === 'discharged';
  const activities = currentActivities(await listProgramme(trx, o.access, { today }), today, discharged);
  if (activities.length === 0) {
    throw validationFailed([{ path: 'programme', message: discharged ? 'No activity was handed over at discharge, so there is nothing for the patient or carers to carry on. There is no sheet to print' : 'There are no current activities to print. Set an activity first' }]);
  }
  const team = await trx.selectFrom('teams').select(['name', 'base_location', 'phone']).where('id', '=', episode.teamId).executeTakeFirstOrThrow();
  const printSize = o.printSize ?? defaultPrintSize(patient);
  const document = buildCarerSheet({ patient, activities, team: { name: team.name, baseLocation: team.base_location, phone: team.phone }, therapistName: discharged ? null : episode.allocatedToName, printSize, today, dischargedOn: discharged ? episode.dischargedOn : null });
  const { id: letterId, pdf, sha256 } = await storeLetter(trx, {
    id: uuidv7(),
    episode,
    kind: 'carer-programme',
    recipient: carerSheetRecipient,
    document,
    source: null,
    alternativeFormats: [],
    producedAt: now,
    producedBy: { id: principal.staffId, role: principal.role },
  });
  await auditAs(
    actor,
    trx,
    { action: 'print', outcome: 'allowed', patientId: episode.patientId, recordKind: 'letter', recordId: letterId, reason: o.access.reason, detail: { episodeId: episode.id, kind: 'carer-programme', printSize, sha256, activityIds: activities.map((a) => a.id) } },
  );
  return { letterId, pdf, printSize, filename: `your-exercises-and-activities-${today}${printSize === 'large' ? '-large-print' : ''}.pdf` };
}
