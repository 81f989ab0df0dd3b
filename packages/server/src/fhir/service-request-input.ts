// A referral sent in as a FHIR ServiceRequest (with its Patient), read into Homeward's own shapes: the
// referral's details and, for a patient not yet in the index, their details. Structure is checked by
// Zod; every problem is named by its FHIRPath within what was sent (`ServiceRequest.code`,
// `Bundle.entry[0].resource.birthDate`), so the sender can mend the element at fault. The rules (a real
// NHS number, a real postcode, consent or a reason) are the referral and patient contexts' own checks,
// their field names mapped back to the FHIR elements here.
import { z } from 'zod';
import { referralSources, services, settings, type Urgency } from '@homeward/clinical';
import type { FieldError } from '../platform/homeward-error.ts';
import type { PatientDetailsInput } from '../patients/public.ts';
import type { ReferralDetailsInput } from '../referrals/public.ts';
import type { FhirResource } from './fhir-resource-module.ts';
import { consentNoteExtension, consentToReferralExtension, referralSourceDetailExtension, referralSourceExtension, serviceSystem, settingSystem } from './homeward-systems.ts';
import { nhsNumberSystem, odsOrganizationSystem } from './uk-core.ts';

const coding = z.looseObject({ system: z.string().max(500).optional(), code: z.string().max(200).optional(), display: z.string().max(500).optional() });
const codeableConcept = z.looseObject({ coding: z.array(coding).max(20).optional(), text: z.string().max(4000).optional() });
const identifier = z.looseObject({ system: z.string().max(500).optional(), value: z.string().max(500).optional() });
const reference = z.looseObject({ reference: z.string().max(1000).optional(), identifier: identifier.optional(), display: z.string().max(500).optional() });
const extension = z.looseObject({ url: z.string().max(500), valueCode: z.string().max(200).optional(), valueBoolean: z.boolean().optional(), valueString: z.string().max(4000).optional() });
const contactPoint = z.looseObject({ system: z.string().max(50).optional(), value: z.string().max(300).optional() });

export const serviceRequestInput = z.looseObject({
  resourceType: z.literal('ServiceRequest'),
  contained: z.array(z.looseObject({ resourceType: z.string(), id: z.string().max(64).optional() })).max(10).optional(),
  extension: z.array(extension).max(20).optional(),
  identifier: z.array(identifier).max(10).optional(),
  status: z.literal('active', { error: 'A referral sent in must be active' }),
  intent: z.enum(['proposal', 'plan', 'order', 'original-order'], { error: 'intent must be proposal, plan, order or original-order' }),
  priority: z.enum(['routine', 'urgent', 'asap', 'stat'], { error: 'priority must be routine, urgent, asap or stat' }).optional(),
  code: codeableConcept,
  subject: reference,
  authoredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/, 'authoredOn must be a FHIR dateTime').optional(),
  requester: reference,
  locationCode: z.array(codeableConcept).max(5).optional(),
  reasonCode: z.array(codeableConcept).min(1, 'Give the reason for the referral (reasonCode.text)').max(10),
  note: z.array(z.looseObject({ text: z.string().max(4000) })).max(20).optional(),
});
export type ServiceRequestInput = z.infer<typeof serviceRequestInput>;

const humanName = z.looseObject({ use: z.string().optional(), family: z.string().max(100).optional(), given: z.array(z.string().max(100)).max(5).optional(), text: z.string().max(300).optional() });
const address = z.looseObject({ use: z.string().optional(), line: z.array(z.string().max(200)).max(4).optional(), city: z.string().max(100).optional(), postalCode: z.string().max(10).optional() });

export const patientInput = z.looseObject({
  resourceType: z.literal('Patient'),
  identifier: z.array(identifier).min(1, 'The patient needs their NHS number (identifier)').max(10),
  name: z.array(humanName).min(1, 'The patient needs a name').max(5),
  gender: z.enum(['male', 'female', 'other', 'unknown'], { error: 'gender must be male, female, other or unknown' }),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'birthDate must be a whole date (yyyy-mm-dd)'),
  address: z.array(address).min(1, 'The patient needs a home address').max(5),
  telecom: z.array(contactPoint).max(10).optional(),
  generalPractitioner: z.array(reference).max(5).optional(),
});
export type PatientInput = z.infer<typeof patientInput>;

/** Zod's issues as FHIRPath expressions under `root` (ServiceRequest, or Bundle.entry[1].resource). */
export function zodFields(error: z.ZodError, root: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.reduce<string>((p, part) => (typeof part === 'number' ? `${p}[${part}]` : `${p}.${String(part)}`), root),
    message: issue.message,
  }));
}

const urgencyOf: Record<NonNullable<ServiceRequestInput['priority']>, Urgency> = { routine: 'routine', urgent: 'urgent', asap: 'soon', stat: 'urgent' };

function extensionOf(sr: ServiceRequestInput, url: string) {
  return sr.extension?.find((e) => e.url === url);
}

/** What a referral sent in says, in the referral API's words, or every element at fault. */
export function referralDetailsOf(sr: ServiceRequestInput, root: string): { ok: true; input: ReferralDetailsInput; identifier: { system: string; value: string } | null; authoredOn: string | null } | { ok: false; fields: FieldError[] } {
  const fields: FieldError[] = [];
  const service = sr.code.coding?.find((c) => c.system === serviceSystem)?.code;
  if (!service || !(services as readonly string[]).includes(service)) fields.push({ path: `${root}.code`, message: `Name the service with a code from ${serviceSystem} (${services.join(', ')})` });
  const setting = sr.locationCode?.flatMap((l) => l.coding ?? []).find((c) => c.system === settingSystem)?.code ?? 'home';
  if (!(settings as readonly string[]).includes(setting)) fields.push({ path: `${root}.locationCode`, message: `The setting must be a code from ${settingSystem} (${settings.join(', ')})` });
  const source = extensionOf(sr, referralSourceExtension)?.valueCode;
  if (!source || !(referralSources as readonly string[]).includes(source)) fields.push({ path: `${root}.extension(${referralSourceExtension})`, message: `Say where the referral comes from (valueCode: ${referralSources.join(', ')})` });
  const consent = extensionOf(sr, consentToReferralExtension)?.valueBoolean;
  if (consent === undefined) fields.push({ path: `${root}.extension(${consentToReferralExtension})`, message: 'Say whether the patient consented to the referral (valueBoolean)' });
  const reason = sr.reasonCode.map((r) => r.text ?? r.coding?.find((c) => c.display)?.display ?? '').find((t) => t.trim() !== '')?.trim();
  if (!reason) fields.push({ path: `${root}.reasonCode[0].text`, message: 'Give the reason for the referral' });
  const referrer = referrerOf(sr);
  if (!referrer.name) fields.push({ path: `${root}.requester.display`, message: 'Give the referrer’s name (requester.display, or a contained Practitioner or Organization)' });
  if (!referrer.contact) fields.push({ path: `${root}.requester`, message: 'Give a way to reach the referrer: a contained Practitioner, PractitionerRole or Organization with a telecom' });
  const ids = (sr.identifier ?? []).filter((i) => i.system && i.value);
  if (fields.length > 0) return { ok: false, fields };
  const notes = (sr.note ?? []).map((n) => n.text.trim()).filter(Boolean).join('\n\n');
  return {
    ok: true,
    identifier: ids[0] ? { system: ids[0].system!, value: ids[0].value! } : null,
    authoredOn: sr.authoredOn?.slice(0, 10) ?? null,
    input: {
      source: source as ReferralDetailsInput['source'],
      sourceDetail: extensionOf(sr, referralSourceDetailExtension)?.valueString?.trim() || null,
      service: service as ReferralDetailsInput['service'],
      setting: setting as ReferralDetailsInput['setting'],
      reason: reason!.slice(0, 2000),
      presentingNeeds: notes ? notes.slice(0, 4000) : null,
      urgencyRequested: urgencyOf[sr.priority ?? 'routine'],
      referrerName: referrer.name!.slice(0, 200),
      referrerContact: referrer.contact!.slice(0, 300),
      consentToReferral: consent!,
      consentNote: extensionOf(sr, consentNoteExtension)?.valueString?.trim() || null,
    },
  };
}

function referrerOf(sr: ServiceRequestInput): { name: string | null; contact: string | null } {
  const ref = sr.requester.reference;
  const contained = ref?.startsWith('#') ? (sr.contained?.find((c) => c.id === ref.slice(1)) as Record<string, unknown> | undefined) : undefined;
  const names = Array.isArray(contained?.name) ? (contained.name as { text?: string; family?: string; given?: string[] }[]) : [];
  const containedName = typeof contained?.name === 'string' ? contained.name : names.map((n) => n.text ?? [...(n.given ?? []), n.family ?? ''].join(' ').trim()).find(Boolean);
  const telecom = Array.isArray(contained?.telecom) ? (contained.telecom as { value?: string }[]).map((t) => t.value?.trim()).filter(Boolean) : [];
  return { name: sr.requester.display?.trim() || containedName || null, contact: telecom.length > 0 ? telecom.join(', ') : null };
}

/** Where the referral's patient is: contained, another entry of the bundle, or already in the index (by id or NHS number). */
export type SubjectRef = { kind: 'resource'; resource: unknown; root: string } | { kind: 'patient-id'; id: string } | { kind: 'nhs-number'; nhsNumber: string } | { kind: 'unresolved'; message: string };

export function subjectOf(sr: ServiceRequestInput, o: { root: string; bundle?: { resource: FhirResource; entryIndex: number } }): SubjectRef {
  const ref = sr.subject.reference;
  if (ref?.startsWith('#')) {
    const i = (sr.contained ?? []).findIndex((c) => c.id === ref.slice(1));
    if (i < 0) return { kind: 'unresolved', message: `No contained resource has the id ${ref.slice(1)}` };
    return { kind: 'resource', resource: sr.contained![i], root: `${o.root}.contained[${i}]` };
  }
  if (ref && o.bundle) {
    const entries = Array.isArray(o.bundle.resource.entry) ? (o.bundle.resource.entry as { fullUrl?: string; resource?: unknown }[]) : [];
    const i = entries.findIndex((e) => e.fullUrl === ref);
    if (i >= 0) return { kind: 'resource', resource: entries[i]!.resource, root: `Bundle.entry[${i}].resource` };
  }
  const id = ref ? /(?:^|\/)Patient\/([0-9a-fA-F-]{36})$/.exec(ref)?.[1] : undefined;
  if (id) return { kind: 'patient-id', id: id.toLowerCase() };
  const nhs = sr.subject.identifier;
  if (!ref && nhs?.system === nhsNumberSystem && nhs.value) return { kind: 'nhs-number', nhsNumber: nhs.value.replace(/\s/g, '') };
  return { kind: 'unresolved', message: 'The subject must be the patient: a contained Patient (#id), a Patient entry of the Bundle (its fullUrl), Patient/<id> in Homeward, or an NHS number identifier' };
}

/** A patient sent in, in the patient index's words (what FHIR cannot say is recorded as not known or none). */
export function patientDetailsOfFhir(p: PatientInput, root: string): { ok: true; details: PatientDetailsInput; nhsPath: string } | { ok: false; fields: FieldError[] } {
  const fields: FieldError[] = [];
  const nhsIndex = p.identifier.findIndex((i) => i.system === nhsNumberSystem);
  const nhsNumber = nhsIndex >= 0 ? (p.identifier[nhsIndex]!.value ?? '').replace(/\s/g, '') : '';
  if (!nhsNumber) fields.push({ path: `${root}.identifier`, message: `The patient needs their NHS number (${nhsNumberSystem})` });
  const name = p.name.find((n) => n.use === 'official') ?? p.name[0]!;
  if (!name.family?.trim()) fields.push({ path: `${root}.name[0].family`, message: 'The patient needs a family name' });
  if (!name.given?.[0]?.trim()) fields.push({ path: `${root}.name[0].given`, message: 'The patient needs a given name' });
  const home = p.address.find((a) => a.use === 'home') ?? p.address[0]!;
  const line1 = home.line?.[0]?.trim();
  if (!line1) fields.push({ path: `${root}.address[0].line`, message: 'The patient’s address needs its first line' });
  if (!home.city?.trim()) fields.push({ path: `${root}.address[0].city`, message: 'The patient’s address needs its town or city' });
  if (!home.postalCode?.trim()) fields.push({ path: `${root}.address[0].postalCode`, message: 'The patient’s address needs its postcode' });
  const gp = p.generalPractitioner?.find((g) => g.identifier?.system === odsOrganizationSystem);
  if (fields.length > 0) return { ok: false, fields };
  const phone = p.telecom?.find((t) => t.system === 'phone')?.value?.trim() || null;
  return {
    ok: true,
    nhsPath: `${root}.identifier[${nhsIndex}].value`,
    details: {
      nhsNumber,
      givenName: name.given![0]!.trim(),
      familyName: name.family!.trim(),
      dateOfBirth: p.birthDate,
      sex: p.gender,
      genderIdentity: null,
      addressLine1: line1!,
      addressLine2: home.line?.slice(1).join(', ').trim() || null,
      town: home.city!.trim(),
      postcode: home.postalCode!.trim(),
      latitude: null,
      longitude: null,
      phone,
      gpPracticeCode: gp?.identifier?.value?.trim().toUpperCase() || null,
      gpPracticeName: gp ? gp.display?.trim() || null : null,
      contacts: [],
      communicationNeeds: { needs: [], interpreterLanguage: null, notes: null },
      // Not in a UK Core Patient, and the columns are yes/no: the risk notes say they were not asked, so
      // nobody planning a visit or a lone worker's safety reads the "no" as an answer (lone-working hazard).
      livesAlone: false,
      keySafe: false,
      accessNotes: null,
      riskFlags: [],
      riskNotes: notAskedFromFhirReferral,
    },
  };
}

/** What a patient registered from a FHIR referral carries in its risk notes until the team asks (first contact). */
export const notAskedFromFhirReferral =
  'Not asked: registered from an electronic referral (FHIR). Whether the patient lives alone and whether there is a key safe are not known (recorded as no until asked). Ask at first contact and update the patient’s details.';

/** The patient index's field names as the FHIR elements they came from. */
export function patientFieldPath(field: string, root: string, nhsPath: string): string {
  const map: Record<string, string> = {
    nhsNumber: nhsPath,
    dateOfBirth: `${root}.birthDate`,
    postcode: `${root}.address[0].postalCode`,
    phone: `${root}.telecom`,
    gpPracticeCode: `${root}.generalPractitioner`,
    gpPracticeName: `${root}.generalPractitioner.display`,
  };
  return map[field] ?? `${root}.${field}`;
}

/** The referral API's field names as the ServiceRequest elements they came from. */
export function referralFieldPath(field: string, root: string): string {
  const map: Record<string, string> = {
    receivedAt: `${root}.authoredOn`,
    sourceDetail: `${root}.extension(${referralSourceDetailExtension})`,
    consentNote: `${root}.extension(${consentNoteExtension})`,
  };
  return map[field] ?? `${root}.${field}`;
}
