// DocumentReference (issue 18 #2): the letters Homeward produced (to the patient and the GP at
// discharge, the carer's programme sheet), each the stored PDF exactly as sent: its address (the
// letter's PDF route, under the same access rules), size and creation. Letters are part of another
// team's episode's summary, so they are read as the record's letters page reads them.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/homeward-error.ts';
import { listLetters, type LetterResponse } from '../../record/public.ts';
import { documentKindsSystem, loinc } from '../code-systems/homeward-code-systems.ts';
import type { FhirResource, FhirResourceModule } from '../fhir-resource-module.ts';
import { auditFhirRead, dateSearchParameter, episodeIdOfRecord, matchesDates, patientSearchParameter, readableRecords, recordAccessOf, recordIdOf, reference, refusedAsNotFound, withPatient } from './record-resource-support.ts';

/** LOINC 18842-5 "Discharge summary" for the discharge letters; the carer's sheet has no LOINC document code, so Homeward's own. */
const documentTypes: Record<LetterResponse['kind'], { system: string; code: string; display: string }> = {
  'discharge-patient': { system: loinc, code: '18842-5', display: 'Discharge summary' },
  'discharge-gp': { system: loinc, code: '18842-5', display: 'Discharge summary' },
  'carer-programme': { system: documentKindsSystem, code: 'carer-programme', display: 'Carer’s programme of care sheet' },
};
const titles: Record<LetterResponse['kind'], string> = {
  'discharge-patient': 'Discharge letter to the patient',
  'discharge-gp': 'Discharge letter to the GP',
  'carer-programme': 'Programme of care sheet for the carer',
};

export function toFhirDocumentReference(letter: LetterResponse): FhirResource {
  return {
    resourceType: 'DocumentReference',
    id: letter.id,
    status: 'current',
    docStatus: 'final',
    type: { coding: [documentTypes[letter.kind]], text: titles[letter.kind] },
    subject: reference('Patient', letter.patientId),
    date: letter.producedAt,
    author: [reference('Practitioner', letter.producedBy.id, letter.producedBy.name)],
    description: `${titles[letter.kind]} (${letter.recipient}${letter.printSize === 'large' ? ', large print' : ''})`,
    content: [{ attachment: { contentType: 'application/pdf', language: 'en-GB', url: letter.pdfHref, size: letter.bytes, title: `${titles[letter.kind]}.pdf`, creation: letter.producedAt } }],
    context: { related: [reference('EpisodeOfCare', letter.episodeId)] },
  };
}

async function search(db: Kysely<Database>, actor: Actor, patientId: string, params: URLSearchParams): Promise<FhirResource[]> {
  const resources: FhirResource[] = [];
  for (const access of await readableRecords(db, { actor, patientId, kind: 'letter' })) {
    const found = (await listLetters(db, access)).map(toFhirDocumentReference).filter((r) => matchesDates(r.date as string, params));
    await auditFhirRead(db, access, 'letter', { resourceType: 'DocumentReference', count: found.length });
    resources.push(...found);
  }
  return resources;
}

export const documentReferenceModule: FhirResourceModule = {
  type: 'DocumentReference',
  searchParams: [patientSearchParameter, dateSearchParameter('The day the letter was produced')],
  async read(db, { actor, id }) {
    const ids = recordIdOf(id);
    if (!ids || ids.part) throw notFound('DocumentReference');
    const episodeId = await episodeIdOfRecord(db, 'letters', ids.recordId);
    return refusedAsNotFound('DocumentReference', async () => {
      const access = await recordAccessOf(db, { actor, episodeId, kind: 'letter', type: 'DocumentReference' });
      const letter = (await listLetters(db, access)).find((l) => l.id === ids.recordId);
      if (!letter) throw notFound('DocumentReference');
      await auditFhirRead(db, access, 'letter', { resourceType: 'DocumentReference', recordId: letter.id });
      return toFhirDocumentReference(letter);
    });
  },
  search: (db, { actor, params }) => withPatient(params, (patientId) => search(db, actor, patientId, params)),
  everything: (db, { actor, patientId }) => search(db, actor, patientId, new URLSearchParams()),
};
