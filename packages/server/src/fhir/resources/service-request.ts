// ServiceRequest (UK Core ServiceRequest): referrals. Read and search over the referral's own rules
// (the patient's read grant; another team's referral needs break-glass, as GET /api/referrals/:id),
// each read audited; create (POST, or in a transaction Bundle with its Patient) is a referral in
// (receive-referral.ts).
import { decidePatientAccess, serviceLabels, settingLabels, type Service, type Setting } from '@homeward/clinical';
import { authorisePatientAccess } from '../../access/public.ts';
import { findReferral, listPatientReferrals, readReferral, type ReferralResponse } from '../../referrals/public.ts';
import type { FhirResource, FhirResourceModule } from '../fhir-resource-module.ts';
import { receivedReferrals, findReceivedByIdentifier, type ReceivedReferral } from '../fhir-referral-queries.ts';
import { badParameter, isUuid, referenceParam, tokenParam } from '../fhir-search.ts';
import { consentNoteExtension, consentToReferralExtension, patientReferralCategory, referralIdSystem, referralSourceDetailExtension, referralSourceExtension, serviceSystem, settingSystem } from '../homeward-systems.ts';
import { resourceNotFound } from '../operation-outcome.ts';
import { receiveFhirReferral } from '../receive-referral.ts';
import { ukCoreProfile } from '../uk-core.ts';

const statusOf = { incoming: 'active', accepted: 'completed', rejected: 'revoked' } as const;
const priorityOf = { urgent: 'urgent', soon: 'asap', routine: 'routine' } as const;

/** A referral as a UK Core ServiceRequest (with the sender's identifier when it came in by FHIR). */
export function toFhirServiceRequest(r: ReferralResponse, received: ReceivedReferral | null): FhirResource {
  const sender = received?.identifierSystem && received.identifierValue ? [{ system: received.identifierSystem, value: received.identifierValue }] : [];
  return {
    resourceType: 'ServiceRequest',
    id: r.id,
    meta: { versionId: String(r.version), lastUpdated: r.updatedAt, profile: [ukCoreProfile.serviceRequest] },
    contained: [{ resourceType: 'Practitioner', id: 'referrer', name: [{ text: r.referrerName }], telecom: [{ system: 'other', value: r.referrerContact }] }],
    extension: [
      { url: referralSourceExtension, valueCode: r.source },
      ...(r.sourceDetail ? [{ url: referralSourceDetailExtension, valueString: r.sourceDetail }] : []),
      { url: consentToReferralExtension, valueBoolean: r.consentToReferral },
      ...(r.consentNote ? [{ url: consentNoteExtension, valueString: r.consentNote }] : []),
    ],
    identifier: [{ system: referralIdSystem, value: r.id }, ...sender],
    status: statusOf[r.status],
    intent: 'order',
    category: [{ coding: [patientReferralCategory] }],
    priority: priorityOf[r.urgencyRequested],
    code: { coding: [{ system: serviceSystem, code: r.service, display: serviceLabels[r.service as Service] }] },
    subject: { reference: `Patient/${r.patientId}` },
    ...(received?.authoredOn ? { authoredOn: received.authoredOn } : {}),
    occurrenceDateTime: r.receivedAt,
    requester: { reference: '#referrer', display: r.referrerName },
    performer: [{ reference: `Organization/${r.teamId}` }],
    locationCode: [{ coding: [{ system: settingSystem, code: r.setting, display: settingLabels[r.setting as Setting] }] }],
    reasonCode: [{ text: r.reason }],
    ...(r.presentingNeeds ? { note: [{ text: r.presentingNeeds }] } : {}),
    ...(r.status === 'rejected' && r.rejectionReason ? { statusReason: { text: r.rejectionDetail ?? r.rejectionReason } } : {}),
  } satisfies FhirResource & { extension: unknown[] };
}

const statusParam: Record<string, ReferralResponse['status']> = { active: 'incoming', completed: 'accepted', revoked: 'rejected' };

export const serviceRequestModule: FhirResourceModule = {
  type: 'ServiceRequest',
  profile: ukCoreProfile.serviceRequest,
  searchParams: [
    { name: 'patient', type: 'reference', documentation: 'The patient referred (Patient/<id>): their referrals you may see' },
    { name: 'status', type: 'token', documentation: 'active (incoming), completed (accepted at triage) or revoked (rejected)' },
    { name: 'identifier', type: 'token', documentation: 'The sender’s identifier of a referral sent in by FHIR (system|value)' },
  ],
  async read(db, { actor, id }) {
    const found = isUuid(id) ? await findReferral(db, id.toLowerCase()) : null;
    if (!found) throw resourceNotFound('ServiceRequest', id);
    const grant = await authorisePatientAccess(db, { actor, patientId: found.patientId, action: 'read', recordKind: 'referral', record: { id: found.id, teamId: found.teamId } });
    const referral = await readReferral(db, { grant, referralId: found.id, detail: { via: 'fhir' } });
    return toFhirServiceRequest(referral, (await receivedReferrals(db, [referral.id])).get(referral.id) ?? null);
  },
  async search(db, { actor, params }) {
    const status = tokenParam(params, 'status');
    if (status && (status.code === null || !(status.code in statusParam))) throw badParameter('status', 'status must be active, completed or revoked');
    const identifier = tokenParam(params, 'identifier');
    const patient = referenceParam(params, 'patient', 'Patient');
    if (identifier) {
      if (!identifier.system || !identifier.code) throw badParameter('identifier', 'Search by the sender’s identifier as system|value');
      const received = await findReceivedByIdentifier(db, { system: identifier.system, value: identifier.code });
      if (!received) return [];
      const one = await this.read(db, { actor, id: received.referralId });
      return status && one.status !== status.code ? [] : [one];
    }
    if (!patient) throw badParameter('patient', 'Search referrals by patient (patient=Patient/<id>) or by identifier');
    if (patient.id === null) return [];
    const grant = await authorisePatientAccess(db, { actor, patientId: patient.id, action: 'read', recordKind: 'referral' });
    const staff = actor.staff;
    // Another team's referral needs break-glass, as when it is opened by itself: the same rule, from the facts already read.
    const visible = (await listPatientReferrals(db, grant)).filter((r) => {
      if (status && r.status !== statusParam[status.code!]) return false;
      return decidePatientAccess({ role: staff.role, action: 'read', hasRelationship: grant.facts.hasRelationship, hasActiveBreakGlass: grant.facts.breakGlass !== null, episode: { ownTeam: r.teamId === staff.teamId, recordKind: 'referral' } }).allowed;
    });
    const received = await receivedReferrals(db, visible.map((r) => r.id));
    const out: FhirResource[] = [];
    for (const r of visible) out.push(toFhirServiceRequest(await readReferral(db, { grant, referralId: r.id, detail: { via: 'fhir', search: true } }), received.get(r.id) ?? null));
    return out;
  },
  async everything(db, { actor, patientId }) {
    return this.search(db, { actor, params: new URLSearchParams({ patient: `Patient/${patientId}` }) });
  },
  async create(db, { actor, resource, bundle }) {
    const got = await receiveFhirReferral(db, { actor, resource, ...(bundle ? { bundle } : {}) });
    const sr = toFhirServiceRequest(got.referral, got.received);
    if (!bundle) return { resource: sr, created: got.created };
    const entries = Array.isArray(bundle.resource.entry) ? bundle.resource.entry : [];
    const entryResponses = entries.map((_, i) =>
      i === bundle.entryIndex
        ? { status: got.created ? '201 Created' : '200 OK', location: `ServiceRequest/${got.referral.id}/_history/${got.referral.version}` }
        : i === got.patientEntryIndex || (entries[i] as { resource?: { resourceType?: string } }).resource?.resourceType === 'Patient'
          ? { status: got.patientCreated ? '201 Created' : '200 OK', location: `Patient/${got.patientId}` }
          : { status: '200 OK' });
    return { resource: sr, created: got.created, entryResponses };
  },
};
