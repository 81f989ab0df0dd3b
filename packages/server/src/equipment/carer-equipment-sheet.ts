// The carer's equipment sheet (issue 15 #4): for each item with the patient, what it is for, how to use
// it safely (the catalogue's instructions), who has been shown how, and who to call when it is damaged,
// no longer needed or worrying; in standard or large print, like the carer's programme sheet (large print
// by default when the patient's communication needs say so). Produced on a POST and audited as a print
// with the PDF's SHA-256: letters (the record's store of what was printed) has no kind for it yet.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { formatDisplayDate, formatNhsNumber, ukDateOf } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs } from '../platform/actor.ts';
import { notFound, validationFailed } from '../platform/homeward-error.ts';
import { renderPdfDocument, type PdfBlock, type PdfDocumentOptions, type PrintSize } from '../platform/pdf-document.ts';
import { findPatient } from '../patients/public.ts';
import { loanKind, loanWriterOf, type LoanWriteAccess } from './loan-access.ts';
import { listEpisodeLoans } from './loan-queries.ts';
import { trainedPersonKindLabels, type LoanResponse } from './loan-schema.ts';

export const carerEquipmentSheetTitle = 'Your equipment and how to use it safely';

type SheetPatient = { givenName: string; familyName: string; nhsNumber: string; communicationNeeds: { needs: readonly string[] } };

/** What a sheet lists: the equipment with the patient now. */
export function equipmentWithPatient(loans: readonly LoanResponse[]): LoanResponse[] {
  return loans.filter((l) => l.status === 'delivered' || l.status === 'to-collect' || l.status === 'stays-with-patient');
}

export function defaultSheetPrintSize(patient: Pick<SheetPatient, 'communicationNeeds'>): PrintSize {
  return patient.communicationNeeds.needs.includes('large-print') ? 'large' : 'standard';
}

const unbroken = (text: string) => text.replace(/ /g, '\u00a0');

export type BuildCarerEquipmentSheetOptions = {
  patient: SheetPatient;
  loans: readonly LoanResponse[];
  team: { name: string; baseLocation: string; phone: string | null };
  printSize: PrintSize;
  today: string;
};

/** The sheet as a document, in plain words addressed to the patient and whoever helps them. */
export function buildCarerEquipmentSheet(o: BuildCarerEquipmentSheetOptions): PdfDocumentOptions {
  const name = `${o.patient.givenName} ${o.patient.familyName}`;
  const call = `${o.team.name}${o.team.phone ? ` on ${unbroken(o.team.phone)}` : ` at ${o.team.baseLocation}`}`;
  const blocks: PdfBlock[] = [
    { kind: 'paragraph', text: `For ${name}, and anyone who helps with this equipment.` },
    { kind: 'paragraph', text: `Printed on ${formatDisplayDate(o.today)}. This equipment is lent to you by ${o.team.name}. It still belongs to the NHS.` },
  ];
  for (const loan of o.loans) {
    blocks.push({ kind: 'heading', text: loan.quantity > 1 ? `${loan.itemName} (${loan.quantity})` : loan.itemName });
    const rows = [
      { key: 'What it is for', value: loan.reason },
      { key: 'How to use it safely', value: loan.instructions.trim() || 'Use it only as you were shown. If you are not sure how, do not use it and call us.' },
    ];
    if (loan.serialNumber) rows.push({ key: 'Its number', value: loan.serialNumber });
    if (loan.deliveredAt) rows.push({ key: 'Delivered', value: formatDisplayDate(ukDateOf(new Date(loan.deliveredAt))) });
    const taught = loan.training.filter((t) => t.understood === 'yes').map((t) => `${t.personName} (${trainedPersonKindLabels[t.personKind].toLowerCase()})`);
    rows.push({ key: 'Shown how to use it', value: taught.length ? taught.join(', ') : 'Nobody yet. Ask us to show you before you use it' });
    blocks.push({ kind: 'rows', rows });
  }
  blocks.push(
    { kind: 'heading', text: 'Stay safe' },
    { kind: 'list', items: [
      'Only people who have been shown how should use the equipment.',
      'Check it before each use. Do not use it if it is damaged, loose or not working properly.',
      'Do not change or repair it yourself.',
    ] },
    { kind: 'heading', text: 'Who to call' },
    { kind: 'paragraph', text: `If the equipment is damaged, you no longer need it, or you are worried about using it, call ${call}. In an emergency, call 999.` },
  );
  return { title: carerEquipmentSheetTitle, printSize: o.printSize, header: `${name} · NHS number ${formatNhsNumber(o.patient.nhsNumber)}`, author: o.team.name, blocks };
}

export type ProduceCarerEquipmentSheetOptions = { access: LoanWriteAccess; printSize: PrintSize | null };
export type ProducedCarerEquipmentSheet = { pdf: Buffer; printSize: PrintSize; filename: string; sha256: string };

/** The sheet for the equipment with the patient now; its printing audited (through the grant's actor, in the transaction given). */
export async function produceCarerEquipmentSheet(trx: Kysely<Database>, o: ProduceCarerEquipmentSheetOptions): Promise<ProducedCarerEquipmentSheet> {
  const actor = loanWriterOf(o.access);
  const today = ukDateOf(actor.now);
  const episode = o.access.episode;
  const patient = await findPatient(trx, episode.patientId);
  if (!patient) throw notFound('Patient');
  const loans = equipmentWithPatient(await listEpisodeLoans(trx, o.access));
  if (loans.length === 0) throw validationFailed([{ path: 'form', message: 'No equipment has been delivered yet, so there is no sheet to print. Record a delivery first' }]);
  const team = await trx.selectFrom('teams').select(['name', 'base_location', 'phone']).where('id', '=', episode.teamId).executeTakeFirstOrThrow();
  const printSize = o.printSize ?? defaultSheetPrintSize(patient);
  const pdf = await renderPdfDocument(buildCarerEquipmentSheet({ patient, loans, team: { name: team.name, baseLocation: team.base_location, phone: team.phone }, printSize, today }));
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  await auditAs(actor, trx, { action: 'print', outcome: 'allowed', patientId: episode.patientId, recordKind: loanKind, recordId: episode.id, reason: o.access.grant.reason, detail: { episodeId: episode.id, kind: 'carer-equipment-sheet', printSize, sha256, loanIds: loans.map((l) => l.id) } });
  return { pdf, printSize, sha256, filename: `your-equipment-${today}${printSize === 'large' ? '-large-print' : ''}.pdf` };
}
