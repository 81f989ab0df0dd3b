// EpisodeOfCare (issue 18 #2): an episode of care, from caseload's episode, read through its own grant
// (another team's episode in summary, as the pages show it: the header without that team's free text).
import type { Kysely } from 'kysely';
import { serviceLabels, type Service } from '@homeward/clinical';
import { auditEpisodeRead, authoriseEpisodeRead, type EpisodeResponse } from '../../caseload/public.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/homeward-error.ts';
import type { FhirResource, FhirResourceModule } from '../fhir-resource-module.ts';
import { episodeOrNotFound, matchesDates, matchesStatus, withPatient, patientSearchParameter, readableEpisodes, recordIdOf, reference, refusedAsNotFound, statusSearchParameter, dateSearchParameter } from './record-resource-support.ts';

const statuses = { waiting: 'waitlist', active: 'active', 'on-hold': 'onhold', discharged: 'finished' } as const;

export function toFhirEpisodeOfCare(episode: EpisodeResponse): FhirResource {
  return {
    resourceType: 'EpisodeOfCare',
    id: episode.id,
    meta: { versionId: String(episode.version), lastUpdated: episode.updatedAt },
    status: statuses[episode.status],
    type: [{ text: serviceLabels[episode.service as Service] ?? episode.service }],
    patient: reference('Patient', episode.patientId),
    managingOrganization: reference('Organization', episode.teamId),
    period: { start: episode.triagedAt, ...(episode.dischargedOn ? { end: episode.dischargedOn } : {}) },
    referralRequest: [reference('ServiceRequest', episode.referralId)],
    ...(episode.allocatedTo ? { careManager: reference('Practitioner', episode.allocatedTo, episode.allocatedToName) } : {}),
  };
}

async function readEpisode(db: Kysely<Database>, actor: Actor, episode: EpisodeResponse): Promise<FhirResource> {
  const access = await authoriseEpisodeRead(db, { actor, episode });
  await auditEpisodeRead(db, access, { via: 'fhir', resourceType: 'EpisodeOfCare' });
  return toFhirEpisodeOfCare(access.episode);
}

async function patientEpisodes(db: Kysely<Database>, actor: Actor, patientId: string, params: URLSearchParams): Promise<FhirResource[]> {
  const resources: FhirResource[] = [];
  for (const episode of await readableEpisodes(db, { actor, patientId, kind: 'episode' })) {
    if (!matchesStatus(statuses[episode.status], params) || !matchesDates(episode.triagedAt, params)) continue;
    resources.push(await readEpisode(db, actor, episode));
  }
  return resources;
}

export const episodeOfCareModule: FhirResourceModule = {
  type: 'EpisodeOfCare',
  searchParams: [patientSearchParameter, statusSearchParameter(Object.values(statuses)), dateSearchParameter('The day the episode started (triage)')],
  async read(db, { actor, id }) {
    const ids = recordIdOf(id);
    if (!ids || ids.part) throw notFound('EpisodeOfCare');
    return refusedAsNotFound('EpisodeOfCare', async () => readEpisode(db, actor, await episodeOrNotFound(db, { actor, episodeId: ids.recordId, type: 'EpisodeOfCare' })));
  },
  search: (db, { actor, params }) => withPatient(params, (patientId) => patientEpisodes(db, actor, patientId, params)),
  everything: (db, { actor, patientId }) => patientEpisodes(db, actor, patientId, new URLSearchParams()),
};
