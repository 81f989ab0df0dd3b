// Consent (issue 18 #2): consent to treatment recorded in the record: what was agreed to, how, and by
// whom; a best-interests decision where the patient lacked capacity. Withdrawn consent is inactive (the
// withdrawal is its own append-only entry, shown here as the consent's status, not a second Consent).
// Read under the record's grant for consent, as the record page does.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/homeward-error.ts';
import { listConsents, type ConsentResponse } from '../../record/public.ts';
import type { FhirResource, FhirResourceModule } from '../fhir-resource-module.ts';
import { auditFhirRead, dateSearchParameter, episodeIdOfRecord, matchesDates, matchesStatus, readableRecords, recordAccessOf, recordIdOf, reference, refusedAsNotFound, statusSearchParameter, patientSearchParameter, withPatient } from './record-resource-support.ts';

const treatmentScope = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'treatment', display: 'Treatment' }] };
/** LOINC 59284-0 "Patient Consent", the category R4's consent-category value set gives for a patient's consent. */
const patientConsentCategory = { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] };
/** Opt-in: the patient agreed to what is listed (R4 requires a policy or a policy rule). */
const optIn = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'OPTIN', display: 'opt-in' }] };

/** Consents with whether each was withdrawn (by a later withdrawal entry). */
export function toFhirConsents(entries: readonly ConsentResponse[]): FhirResource[] {
  const withdrawn = new Set(entries.filter((e) => e.kind === 'withdrawal' && e.withdrawsId).map((e) => e.withdrawsId));
  return entries.filter((e) => e.kind === 'consent').map((c) => toFhirConsent(c, withdrawn.has(c.id)));
}

export function toFhirConsent(c: ConsentResponse, withdrawn: boolean): FhirResource {
  const about = [c.scope, c.intervention].filter(Boolean).join(': ');
  const bestInterests = c.bestInterestsDecisionBy !== null;
  return {
    resourceType: 'Consent',
    id: c.id,
    status: withdrawn ? 'inactive' : 'active',
    scope: treatmentScope,
    category: [patientConsentCategory],
    patient: reference('Patient', c.patientId),
    dateTime: c.recordedAt,
    // Who agreed: the patient, or the clinician who made a best-interests decision for them.
    performer: [bestInterests ? reference('Practitioner', c.recordedBy.id, c.recordedBy.name) : reference('Patient', c.patientId)],
    policyRule: optIn,
    provision: {
      type: 'permit',
      code: [{ text: `${c.agreedTo}${about ? ` (${about})` : ''}` }],
      ...(c.givenBy || c.method ? { actor: [{ role: { text: bestInterests ? `Best-interests decision by ${c.bestInterestsDecisionBy}` : `Given by ${c.givenBy ?? 'the patient'}${c.method ? `, ${c.method}` : ''}` }, reference: reference('Practitioner', c.recordedBy.id, c.recordedBy.name) }] } : {}),
    },
  };
}

async function search(db: Kysely<Database>, actor: Actor, patientId: string, params: URLSearchParams): Promise<FhirResource[]> {
  const resources: FhirResource[] = [];
  for (const access of await readableRecords(db, { actor, patientId, kind: 'consent' })) {
    const found = toFhirConsents(await listConsents(db, access)).filter((r) => matchesStatus(r.status as string, params) && matchesDates(r.dateTime as string, params));
    await auditFhirRead(db, access, 'consent', { resourceType: 'Consent', count: found.length });
    resources.push(...found);
  }
  return resources;
}

export const consentModule: FhirResourceModule = {
  type: 'Consent',
  searchParams: [patientSearchParameter, statusSearchParameter(['active', 'inactive']), dateSearchParameter('The day consent was recorded')],
  async read(db, { actor, id }) {
    const ids = recordIdOf(id);
    if (!ids || ids.part) throw notFound('Consent');
    const episodeId = await episodeIdOfRecord(db, 'consent_records', ids.recordId);
    return refusedAsNotFound('Consent', async () => {
      const access = await recordAccessOf(db, { actor, episodeId, kind: 'consent', type: 'Consent' });
      const found = toFhirConsents(await listConsents(db, access)).find((r) => r.id === ids.recordId);
      if (!found) throw notFound('Consent');
      await auditFhirRead(db, access, 'consent', { resourceType: 'Consent', recordId: ids.recordId });
      return found;
    });
  },
  search: (db, { actor, params }) => withPatient(params, (patientId) => search(db, actor, patientId, params)),
  everything: (db, { actor, patientId }) => search(db, actor, patientId, new URLSearchParams()),
};
