// Who may see and change an episode of care. Reading needs the legitimate relationship the patient's
// record needs (another team's episode: its summary only, without break-glass); changing it also
// needs a role that holds episodes (support workers carry out delegated tasks and service managers
// manage; neither changes an episode). Refusals are audited.
import type { Kysely } from 'kysely';
import { mayHoldEpisodes } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { auditAs, requireClinicalActor, type Actor } from '../platform/actor.ts';
import { authorisePatientAccess, auditRead, type AccessFacts, type AccessGrant } from '../access/public.ts';
import { findEpisodeWithAccessFacts } from './episode-queries.ts';
import type { EpisodeResponse } from './episode-schema.ts';

/** An episode with the grant to read (or write) its patient's record. */
export type EpisodeAccess<A extends 'read' | 'write' = 'read' | 'write'> = { episode: EpisodeResponse; grant: AccessGrant<A>; reason: string | null };

/** The access facts read with each episode findEpisodeFor loaded, for the decision that follows. */
const factsWithEpisode = new WeakMap<EpisodeResponse, AccessFacts>();

/**
 * The access facts read in the same query as this episode (findEpisodeFor), for authorisePatientAccess
 * to decide on without asking again; undefined for an episode loaded any other way (then it asks).
 */
export function accessFactsReadWith(episode: EpisodeResponse): AccessFacts | undefined {
  return factsWithEpisode.get(episode);
}

/**
 * Carries the facts a grant on the patient was decided on with each of the patient's episodes listed at
 * the same moment (Patient/$everything reads every episode of every kind), so each episode's own
 * decision need not read them again. authorisePatientAccess still uses them only when they were read
 * for this member of staff, this patient and this moment; else it reads them itself.
 */
export function carryAccessFacts(episodes: readonly EpisodeResponse[], facts: AccessFacts): void {
  for (const episode of episodes) factsWithEpisode.set(episode, facts);
}

/**
 * The episode, for clinical staff (anyone else is refused, and the refusal audited); 404 if there is
 * none. Its patient's access facts come in the same query, for the authorisation that follows.
 */
export async function findEpisodeFor(db: Kysely<Database>, o: { actor: Actor; id: string }): Promise<EpisodeResponse> {
  await requireClinicalActor(db, o.actor);
  const found = await findEpisodeWithAccessFacts(db, o.id, { staff: o.actor.staff, now: o.actor.now });
  if (!found) throw notFound('Episode');
  factsWithEpisode.set(found.episode, found.facts);
  return found.episode;
}

/**
 * Another team's episode seen through the clinician's own relationship (no break-glass): its header
 * (team, service, setting, status, dates, who holds it, outcome and destination), without the other
 * team's free text (triage notes, complexity reason, hold reason, discharge note). Its history and
 * onward referrals are left out by the routes for the same scope.
 */
export function episodeSummary(episode: EpisodeResponse): EpisodeResponse {
  return { ...episode, triageNotes: null, complexityReason: '', holdReason: null, dischargeNote: null };
}

export type AuthoriseEpisodeOptions = { actor: Actor; episode: EpisodeResponse };

function grantFor<A extends 'read' | 'write'>(db: Kysely<Database>, o: AuthoriseEpisodeOptions, action: A): Promise<AccessGrant<A>> {
  return authorisePatientAccess(db, { actor: o.actor, patientId: o.episode.patientId, action, recordKind: 'episode', record: { id: o.episode.id, teamId: o.episode.teamId }, facts: accessFactsReadWith(o.episode) });
}

export async function authoriseEpisodeRead(db: Kysely<Database>, o: AuthoriseEpisodeOptions): Promise<EpisodeAccess<'read'>> {
  const grant = await grantFor(db, o, 'read');
  return { episode: grant.scope === 'summary' ? episodeSummary(o.episode) : o.episode, grant, reason: grant.reason };
}

/** For changes other than allocation (which has its own rule): first contact, holds, discharge, onward referrals. */
export async function authoriseEpisodeWrite(db: Kysely<Database>, o: AuthoriseEpisodeOptions & { change: string }): Promise<EpisodeAccess<'write'>> {
  const grant = await grantFor(db, o, 'write');
  if (!mayHoldEpisodes(grant.staff.role)) {
    await auditAs(o.actor, db, { action: 'write', outcome: 'refused', patientId: o.episode.patientId, recordKind: 'episode', recordId: o.episode.id, detail: { change: o.change, rule: 'role-does-not-hold-episodes' } });
    throw new HomewardError('forbidden', 'Only assistant practitioners, registered therapists and clinical leads can change an episode of care');
  }
  return { episode: o.episode, grant, reason: grant.reason };
}

/** Allocation checks its own role rule (authoriseAllocation); this is the relationship part. */
export async function authoriseEpisodeAllocation(db: Kysely<Database>, o: AuthoriseEpisodeOptions): Promise<EpisodeAccess<'write'>> {
  const grant = await grantFor(db, o, 'write');
  return { episode: o.episode, grant, reason: grant.reason };
}

/** Audits a read of the episode through its grant (with the scope when only its summary was seen). */
export async function auditEpisodeRead(db: Kysely<Database>, access: EpisodeAccess, detail: Record<string, unknown> = {}): Promise<void> {
  await auditRead(access.grant, db, { recordKind: 'episode', recordId: access.episode.id, detail });
}
