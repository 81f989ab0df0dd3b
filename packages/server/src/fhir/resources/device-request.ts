// DeviceRequest (issue 18 #2): equipment on loan, from its prescription (why, on which assessment, by
// whom) through delivery to its end (returned, staying with the patient, transferred, written off).
// A tracked item names its Device; a stock item is named by its catalogue entry. Read under the loan's
// own grant (authoriseLoanRead), as the episode's equipment page does, and audited as it is.
import type { Kysely } from 'kysely';
import { authoriseLoanRead, auditLoanRead, listEpisodeLoans, loanKind, type LoanAccess, type LoanResponse } from '../../equipment/public.ts';
import { findEpisode } from '../../caseload/public.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/homeward-error.ts';
import type { FhirResource, FhirResourceModule } from '../fhir-resource-module.ts';
import { dateSearchParameter, episodeIdOfRecord, matchesDates, matchesStatus, patientSearchParameter, readableEpisodes, recordIdOf, reference, refusedAsNotFound, statusSearchParameter, withPatient } from './record-resource-support.ts';

/** R4 request-status: a loan is active while the equipment is (or is to be) in the home; it ends completed, or revoked when cancelled before delivery. */
const statuses: Record<LoanResponse['status'], 'active' | 'completed' | 'revoked'> = {
  prescribed: 'active',
  delivered: 'active',
  'to-collect': 'active',
  returned: 'completed',
  missing: 'completed',
  'written-off': 'completed',
  'stays-with-patient': 'completed',
  transferred: 'completed',
  cancelled: 'revoked',
};

export function toFhirDeviceRequest(loan: LoanResponse): FhirResource {
  const described = `${loan.itemName} (${loan.make} ${loan.model})`;
  return {
    resourceType: 'DeviceRequest',
    id: loan.id,
    meta: { versionId: String(loan.version) },
    status: statuses[loan.status],
    intent: 'order',
    ...(loan.itemId ? { codeReference: reference('Device', loan.itemId, described) } : { codeCodeableConcept: { text: described } }),
    ...(loan.quantity > 1 ? { parameter: [{ code: { text: 'Quantity' }, valueQuantity: { value: loan.quantity } }] } : {}),
    subject: reference('Patient', loan.patientId),
    ...(loan.deliveredAt ? { occurrenceDateTime: loan.deliveredAt } : {}),
    authoredOn: loan.prescribedAt,
    requester: reference('Practitioner', loan.prescribedBy, loan.prescribedByName),
    ...(loan.deliveredBy ? { performer: reference('Practitioner', loan.deliveredBy, loan.deliveredByName) } : {}),
    reasonCode: [{ text: loan.reason }],
    ...(loan.assessmentId ? { supportingInfo: [reference('QuestionnaireResponse', loan.assessmentId)] } : {}),
    note: [{ text: `Status: ${loan.status.replace(/-/g, ' ')}` }, ...(loan.instructions ? [{ text: loan.instructions }] : []), ...(loan.endNote ? [{ text: loan.endNote }] : [])],
  };
}

/** The loans of every episode of the patient whose equipment the actor may see, each episode's read audited. */
export async function readableLoans(db: Kysely<Database>, o: { actor: Actor; patientId: string; resourceType: string }): Promise<{ access: LoanAccess; loans: LoanResponse[] }[]> {
  const found: { access: LoanAccess; loans: LoanResponse[] }[] = [];
  for (const episode of await readableEpisodes(db, { actor: o.actor, patientId: o.patientId, kind: loanKind })) {
    const access = await authoriseLoanRead(db, { actor: o.actor, episode });
    const loans = await listEpisodeLoans(db, access);
    await auditLoanRead(db, access, episode.id, { via: 'fhir', resourceType: o.resourceType, count: loans.length });
    found.push({ access, loans });
  }
  return found;
}

async function search(db: Kysely<Database>, actor: Actor, patientId: string, params: URLSearchParams): Promise<FhirResource[]> {
  return (await readableLoans(db, { actor, patientId, resourceType: 'DeviceRequest' }))
    .flatMap(({ loans }) => loans.map(toFhirDeviceRequest))
    .filter((r) => matchesStatus(r.status as string, params) && matchesDates(r.authoredOn as string, params));
}

export const deviceRequestModule: FhirResourceModule = {
  type: 'DeviceRequest',
  searchParams: [patientSearchParameter, statusSearchParameter(['active', 'completed', 'revoked']), dateSearchParameter('The day the equipment was prescribed')],
  async read(db, { actor, id }) {
    const ids = recordIdOf(id);
    if (!ids || ids.part) throw notFound('DeviceRequest');
    const episodeId = await episodeIdOfRecord(db, 'equipment_loans', ids.recordId);
    const episode = episodeId ? await findEpisode(db, episodeId, actor.now) : null;
    if (!episode) throw notFound('DeviceRequest');
    return refusedAsNotFound('DeviceRequest', async () => {
      const access = await authoriseLoanRead(db, { actor, episode });
      const loan = (await listEpisodeLoans(db, access)).find((l) => l.id === ids.recordId);
      if (!loan) throw notFound('DeviceRequest');
      await auditLoanRead(db, access, loan.id, { via: 'fhir', resourceType: 'DeviceRequest' });
      return toFhirDeviceRequest(loan);
    });
  },
  search: (db, { actor, params }) => withPatient(params, (patientId) => search(db, actor, patientId, params)),
  everything: (db, { actor, patientId }) => search(db, actor, patientId, new URLSearchParams()),
};
