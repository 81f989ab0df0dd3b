// Who may see and change an episode of care. Reading needs the legitimate relationship the patient's
// record needs (another team's episode: its summary only, without break-glass); changing it also needs a role that holds episodes (support workers carry out delegated
// tasks and service managers manage; neither changes an episode). Refusals are audited.
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../platform/actor.ts';
import { authorisePatientAccess, auditReason, type PatientAccessGrant } from '../access/authorise-patient-access.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { audit, requireClinician } from '../platform/request-context.ts';
import { mayHoldEpisodes } from '@homeward/clinical';
import { findEpisode } from './episode-queries.ts';
import type { EpisodeResponse } from './episode-schema.ts';

export type EpisodeAccess = { episode: EpisodeResponse; grant: PatientAccessGrant; reason: string | null };

export async function loadEpisode(request: FastifyRequest, id: string): Promise<EpisodeResponse> {
  await requireClinician(request);
  const episode = await findEpisode(request.server.db, id, request.server.config.now());
  if (!episode) throw notFound('Episode');
  return episode;
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

export async function authoriseEpisodeRead(request: FastifyRequest, episode: EpisodeResponse): Promise<EpisodeAccess> {
  const grant = await authorisePatientAccess(request.server.db, { actor: actorOf(request), patientId: episode.patientId, action: 'read', recordKind: 'episode', record: { id: episode.id, teamId: episode.teamId } });
  return { episode: grant.scope === 'summary' ? episodeSummary(episode) : episode, grant, reason: auditReason(grant) };
}

/** For changes other than allocation (which has its own rule): first contact, holds, discharge, onward referrals. */
export async function authoriseEpisodeWrite(request: FastifyRequest, episode: EpisodeResponse, change: string): Promise<EpisodeAccess> {
  const grant = await authorisePatientAccess(request.server.db, { actor: actorOf(request), patientId: episode.patientId, action: 'write', recordKind: 'episode', record: { id: episode.id, teamId: episode.teamId } });
  if (!mayHoldEpisodes(grant.staff.role)) {
    await audit(request, { action: 'write', outcome: 'refused', patientId: episode.patientId, recordKind: 'episode', recordId: episode.id, detail: { change, rule: 'role-does-not-hold-episodes' } });
    throw new HomewardError('forbidden', 'Only assistant practitioners, registered therapists and clinical leads can change an episode of care');
  }
  return { episode, grant, reason: auditReason(grant) };
}

/** Allocation checks its own role rule (authoriseAllocation); this is the relationship part. */
export async function authoriseEpisodeAllocation(request: FastifyRequest, episode: EpisodeResponse): Promise<EpisodeAccess> {
  const grant = await authorisePatientAccess(request.server.db, { actor: actorOf(request), patientId: episode.patientId, action: 'write', recordKind: 'episode', record: { id: episode.id, teamId: episode.teamId } });
  return { episode, grant, reason: auditReason(grant) };
}

export async function auditEpisodeRead(request: FastifyRequest, access: EpisodeAccess, detail: Record<string, unknown> = {}): Promise<void> {
  await audit(request, {
    action: 'read',
    outcome: 'allowed',
    patientId: access.episode.patientId,
    recordKind: 'episode',
    recordId: access.episode.id,
    reason: access.reason,
    detail: { basis: access.grant.basis, ...(access.grant.scope === 'summary' ? { scope: 'summary' } : {}), ...detail },
  });
}
