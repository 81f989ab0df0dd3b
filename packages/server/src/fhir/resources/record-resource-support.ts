// What the record side's FHIR resources share (issue 18 #2): which of a patient's episodes an actor may
// read a kind of record in, decided by the same access rules as the pages, the `patient`, `date` and
// `status` search parameters, references, and a refusal of a read by id answered as "not found".
import type { Kysely } from 'kysely';
import { decidePatientAccess } from '@homeward/clinical';
import { auditRead, authorisePatientAccess } from '../../access/public.ts';
import { carryAccessFacts, findEpisode, listPatientEpisodes, type EpisodeResponse } from '../../caseload/public.ts';
import type { AccessFacts } from '../../access/public.ts';
import type { Database } from '../../db/schema.ts';
import { auditRecordRead, authoriseRecordRead, type RecordAccess, type RecordKind } from '../../record/public.ts';
import type { Actor } from '../../platform/actor.ts';
import { HomewardError, notFound } from '../../platform/homeward-error.ts';
import type { FhirResource, FhirSearchParameter } from '../fhir-resource-module.ts';
import { badParameter, dateParams, isUuid, matchesDates as matchesDateParams, referenceParam } from '../fhir-search.ts';

export const patientSearchParameter: FhirSearchParameter = { name: 'patient', type: 'reference', documentation: 'The patient (Patient/id or id). Required: a search names one patient, whose record the access rules then decide on.' };
export const dateSearchParameter = (what: string): FhirSearchParameter => ({ name: 'date', type: 'date', documentation: `${what}: a date with an optional prefix (eq, ne, ge, gt, le, lt); repeat for a range. A day, month or year, or a time without a zone, is UK time (Europe/London).` });
export const statusSearchParameter = (codes: readonly string[]): FhirSearchParameter => ({ name: 'status', type: 'token', documentation: `One of ${codes.join(', ')} (comma-separated for any of them).` });

export const reference = (type: string, id: string, display?: string | null) => ({ reference: `${type}/${id}`, ...(display ? { display } : {}) });

/**
 * The patient a search names: required (a search across every patient would list records nobody asked
 * for). An id that is no Homeward id matches nothing (null).
 */
export function patientParameter(params: URLSearchParams): string | null {
  const name = ['patient', 'subject', 'beneficiary'].find((n) => params.has(n));
  const ref = name ? referenceParam(params, name, 'Patient') : null;
  if (!ref) throw badParameter('patient', 'Search by patient: give patient=Patient/<id>');
  return ref.id;
}

/** A search of one patient's records: none when the patient named is no Homeward id; a bad `date` refused before anything is read. */
export async function withPatient(params: URLSearchParams, search: (patientId: string) => Promise<FhirResource[]>): Promise<FhirResource[]> {
  const patientId = patientParameter(params);
  dateParams(params, 'date');
  return patientId === null ? [] : search(patientId);
}

/** An id from the URL that names a record of ours (a UUID, optionally with a suffix after a dot). */
export function recordIdOf(id: string): { recordId: string; part: string | null } | null {
  const recordId = id.slice(0, 36);
  if (!isUuid(recordId)) return null;
  if (id.length === 36) return { recordId: recordId.toLowerCase(), part: null };
  return id[36] === '.' && id.length > 37 ? { recordId: recordId.toLowerCase(), part: id.slice(37) } : null;
}

/** Whether a resource's day or instant meets every `date` parameter given (fhir-search's reading of them). */
export function matchesDates(value: string | null | undefined, params: URLSearchParams): boolean {
  const dates = dateParams(params, 'date');
  if (dates.length === 0) return true;
  if (!value) return false;
  return matchesDateParams(value.length === 10 ? value : new Date(value), dates);
}

/** Whether a resource's status is one the `status` parameter asks for (any, when none is given). */
export function matchesStatus(status: string, params: URLSearchParams, name = 'status'): boolean {
  const wanted = params.getAll(name).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  return wanted.length === 0 || wanted.includes(status);
}

/**
 * The patient's access facts and episodes, read once per actor (one request, one moment) and shared by
 * every kind read for it: Patient/$everything reads a dozen kinds, each of which used to read the facts
 * again, list the episodes again, and read the facts again for each episode. The episodes carry the
 * facts, so each episode's grant (authoriseRecordRead, authoriseLoanRead) is decided without a query.
 * The decisions themselves are made as before, for each kind and each episode.
 */
const takenByActor = new WeakMap<Actor, Map<string, Promise<{ facts: AccessFacts; episodes: EpisodeResponse[] }>>>();
function patientTaken(db: Kysely<Database>, actor: Actor, patientId: string, kind: string): Promise<{ facts: AccessFacts; episodes: EpisodeResponse[] }> {
  let byPatient = takenByActor.get(actor);
  if (!byPatient) takenByActor.set(actor, (byPatient = new Map()));
  let taken = byPatient.get(patientId);
  if (!taken) {
    taken = (async () => {
      // The first kind's own authorisation reads the facts (and refuses, audited as that kind, without a relationship).
      const grant = await authorisePatientAccess(db, { actor, patientId, action: 'read', recordKind: kind });
      const episodes = await listPatientEpisodes(db, patientId, actor.now);
      carryAccessFacts(episodes, grant.facts);
      return { facts: grant.facts, episodes };
    })();
    // A refusal is not remembered: the next kind asks (and is refused, audited) again, as before.
    taken.catch(() => byPatient!.delete(patientId));
    byPatient.set(patientId, taken);
  }
  return taken;
}

/**
 * The patient's episodes in which this actor may read `kind` of record. The patient itself is
 * authorised first (no relationship and no break-glass: refused and audited, as the pages do); then
 * each episode is decided by the same rule the record's grant applies (another team's episode shows
 * only its summary kinds), so an episode the pages would refuse is left out, as the patient's hub
 * leaves it out, rather than refused once per episode. The caller authorises each episode it reads
 * (authoriseRecordRead, authoriseLoanRead) and audits the read.
 */
export async function readableEpisodes(db: Kysely<Database>, o: { actor: Actor; patientId: string; kind: string }): Promise<EpisodeResponse[]> {
  const { actor, patientId, kind } = o;
  const taken = await patientTaken(db, actor, patientId, kind);
  // Decided for each kind (a refusal audited as that kind), on the facts already read: no query.
  const grant = await authorisePatientAccess(db, { actor, patientId, action: 'read', recordKind: kind, facts: taken.facts });
  const episodes = taken.episodes;
  const readable = episodes.filter(
    (episode) =>
      decidePatientAccess({
        role: actor.staff.role,
        action: 'read',
        hasRelationship: grant.facts.hasRelationship,
        hasActiveBreakGlass: grant.facts.breakGlass !== null,
        episode: { ownTeam: episode.teamId === actor.staff.teamId, recordKind: kind },
      }).allowed,
  );
  // Nothing of this kind to show (no episode yet, or only another team's): that the patient has none is itself what was read.
  if (readable.length === 0) await auditRead(grant, db, { recordKind: kind, recordId: patientId, detail: { via: 'fhir', count: 0 } });
  return readable;
}

/** The episode a record by id belongs to; none: not found. */
export async function episodeOrNotFound(db: Kysely<Database>, o: { actor: Actor; episodeId: string | null | undefined; type: string }): Promise<EpisodeResponse> {
  const episode = o.episodeId ? await findEpisode(db, o.episodeId, o.actor.now) : null;
  if (!episode) throw notFound(o.type);
  return episode;
}

/**
 * A read by id the access rules refuse (already audited by the refusal) is answered as not found, so
 * the API does not confirm that a record exists to someone who may not see it.
 */
export async function refusedAsNotFound<T>(type: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof HomewardError && (error.statusCode === 403 || error.statusCode === 404)) throw notFound(type);
    throw error;
  }
}

/** The record's grant for each of the patient's episodes where `kind` may be read (readableEpisodes). */
export async function readableRecords(db: Kysely<Database>, o: { actor: Actor; patientId: string; kind: RecordKind }): Promise<RecordAccess<'read'>[]> {
  const accesses: RecordAccess<'read'>[] = [];
  for (const episode of await readableEpisodes(db, o)) accesses.push(await authoriseRecordRead(db, { actor: o.actor, episode, kind: o.kind }));
  return accesses;
}

/** The record's grant for the episode a record by id belongs to (a refusal audited, then answered as not found by the caller). */
export async function recordAccessOf(db: Kysely<Database>, o: { actor: Actor; episodeId: string | null | undefined; kind: RecordKind; type: string }): Promise<RecordAccess<'read'>> {
  const episode = await episodeOrNotFound(db, { actor: o.actor, episodeId: o.episodeId, type: o.type });
  return authoriseRecordRead(db, { actor: o.actor, episode, kind: o.kind });
}

/** Audits what a FHIR read showed of one episode's record, through its grant, before it is sent. */
export async function auditFhirRead(db: Kysely<Database>, access: RecordAccess, kind: RecordKind, o: { resourceType: string; recordId?: string; count?: number }): Promise<void> {
  await auditRecordRead(db, access, kind, o.recordId ?? access.episode.id, { via: 'fhir', resourceType: o.resourceType, ...(o.count === undefined ? {} : { count: o.count }) });
}

/**
 * Which episode a record by id belongs to: only its episode id is read, and nothing of the record is
 * shown until that episode's grant is decided. One table per kind of record a FHIR id can name.
 */
export async function episodeIdOfRecord(db: Kysely<Database>, table: 'contact_notes' | 'assessments' | 'goals' | 'consent_records' | 'letters' | 'equipment_loans', id: string): Promise<string | null> {
  const row = await db.selectFrom(table).select('episode_id').where('id', '=', id).executeTakeFirst();
  return row ? row.episode_id : null;
}

/** The record's canonical base for Homeward's own code systems and identifiers (code-systems/). */
export { homewardFhirBase } from '../code-systems/homeward-code-systems.ts';
