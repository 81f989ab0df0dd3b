// Encounter (issue 18 #2), UK Core Encounter: each final contact note (the clinician's account of a
// contact), and each planned, done or called-off visit that has no note of its own (a visit with a note
// is that note's encounter). Read under the record's grant for contact notes, as the record page does.
import type { Kysely } from 'kysely';
import { contactNoteKindLabels, type ContactNoteKind } from '@homeward/clinical';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/homeward-error.ts';
import { findContactNotes, type ContactNoteResponse, type RecordAccess } from '../../record/public.ts';
import { findTeamVisit, listEpisodeVisits, type EpisodeVisit } from '../../visits/public.ts';
import { contactKindsSystem } from '../code-systems/homeward-code-systems.ts';
import type { FhirResource, FhirResourceModule } from '../fhir-resource-module.ts';
import { ukCoreProfile } from '../uk-core.ts';
import { auditFhirRead, dateSearchParameter, episodeIdOfRecord, matchesDates, matchesStatus, withPatient, patientSearchParameter, readableRecords, recordAccessOf, recordIdOf, reference, refusedAsNotFound, statusSearchParameter } from './record-resource-support.ts';

export const ukCoreEncounterProfile = ukCoreProfile.encounter;
const actCode = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const encounterClasses = {
  home: { system: actCode, code: 'HH', display: 'home health' },
  clinic: { system: actCode, code: 'AMB', display: 'ambulatory' },
  ward: { system: actCode, code: 'IMP', display: 'inpatient encounter' },
  virtual: { system: actCode, code: 'VR', display: 'virtual' },
} as const;
const statuses = ['planned', 'finished', 'cancelled'] as const;

const addMinutes = (iso: string, minutes: number) => new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();

/** A final contact note as an Encounter: a telephone call is virtual, every other contact a home health contact (where Homeward's teams see people). */
export function toFhirEncounterFromNote(note: ContactNoteResponse): FhirResource {
  const c = note.current;
  const kind = c.kind as ContactNoteKind;
  const notSeen = kind === 'did-not-attend' || kind === 'no-access';
  return {
    resourceType: 'Encounter',
    id: note.id,
    meta: { versionId: String(note.version), profile: [ukCoreEncounterProfile] },
    status: notSeen ? 'cancelled' : 'finished',
    class: kind === 'telephone' ? encounterClasses.virtual : encounterClasses.home,
    type: [{ coding: [{ system: contactKindsSystem, code: kind, display: contactNoteKindLabels[kind] ?? kind }] }],
    subject: reference('Patient', note.patientId),
    episodeOfCare: [reference('EpisodeOfCare', note.episodeId)],
    participant: [{ individual: reference('Practitioner', c.writtenBy.id, c.writtenBy.name) }],
    period: { start: c.occurredAt, ...(c.durationMinutes ? { end: addMinutes(c.occurredAt, c.durationMinutes) } : {}) },
    ...(c.durationMinutes ? { length: { value: c.durationMinutes, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' } } : {}),
  };
}

/** A visit without a note of its own as an Encounter: planned until done; cancelled when called off or no one answered. */
export function toFhirEncounterFromVisit(visit: EpisodeVisit): FhirResource {
  const status = visit.status === 'done' ? 'finished' : visit.status === 'to-plan' ? 'planned' : 'cancelled';
  const start = visit.startedAt ?? visit.date;
  const end = visit.finishedAt ?? (visit.startedAt ? null : visit.date);
  return {
    resourceType: 'Encounter',
    id: visit.id,
    meta: { profile: [ukCoreEncounterProfile] },
    status,
    class: encounterClasses[visit.place],
    type: [{ coding: [{ system: contactKindsSystem, code: `visit-${visit.purpose}`, display: `Visit: ${visit.purpose.replace('-', ' ')}` }] }],
    subject: reference('Patient', visit.patientId),
    episodeOfCare: [reference('EpisodeOfCare', visit.episodeId)],
    ...(visit.pinnedStaffId ? { participant: [{ individual: reference('Practitioner', visit.pinnedStaffId) }] } : {}),
    period: { start, ...(end ? { end } : {}) },
    length: { value: visit.durationMinutes, unit: 'min', system: 'http://unitsofmeasure.org', code: 'min' },
    ...(visit.outcomeReason && status === 'cancelled' ? { reasonCode: [{ text: visit.outcomeReason }] } : {}),
  };
}

/** The episode's encounters: final notes, and visits without a note. Drafts are their author's working copy, not yet the record. */
async function encountersOf(db: Kysely<Database>, access: RecordAccess): Promise<FhirResource[]> {
  const notes = (await findContactNotes(db, access)).filter((n) => n.status === 'final');
  const visits = (await listEpisodeVisits(db, access.episode.id)).filter((v) => v.contactNoteId === null);
  return [...notes.map(toFhirEncounterFromNote), ...visits.map(toFhirEncounterFromVisit)];
}

const periodStart = (r: FhirResource) => (r.period as { start: string }).start;

async function search(db: Kysely<Database>, actor: Actor, patientId: string, params: URLSearchParams): Promise<FhirResource[]> {
  const resources: FhirResource[] = [];
  for (const access of await readableRecords(db, { actor, patientId, kind: 'contact-note' })) {
    const found = (await encountersOf(db, access)).filter((r) => matchesStatus(r.status as string, params) && matchesDates(periodStart(r), params));
    await auditFhirRead(db, access, 'contact-note', { resourceType: 'Encounter', count: found.length });
    resources.push(...found);
  }
  return resources.sort((a, b) => periodStart(a).localeCompare(periodStart(b)));
}

export const encounterModule: FhirResourceModule = {
  type: 'Encounter',
  profile: ukCoreEncounterProfile,
  searchParams: [patientSearchParameter, dateSearchParameter('The day of the contact or visit'), statusSearchParameter(statuses)],
  async read(db, { actor, id }) {
    const ids = recordIdOf(id);
    if (!ids || ids.part) throw notFound('Encounter');
    const episodeId = (await episodeIdOfRecord(db, 'contact_notes', ids.recordId)) ?? (await findTeamVisit(db, ids.recordId))?.episodeId;
    return refusedAsNotFound('Encounter', async () => {
      const access = await recordAccessOf(db, { actor, episodeId, kind: 'contact-note', type: 'Encounter' });
      const found = (await encountersOf(db, access)).find((r) => r.id === ids.recordId);
      if (!found) throw notFound('Encounter');
      await auditFhirRead(db, access, 'contact-note', { resourceType: 'Encounter', recordId: ids.recordId });
      return found;
    });
  },
  search: (db, { actor, params }) => withPatient(params, (patientId) => search(db, actor, patientId, params)),
  everything: (db, { actor, patientId }) => search(db, actor, patientId, new URLSearchParams()),
};
