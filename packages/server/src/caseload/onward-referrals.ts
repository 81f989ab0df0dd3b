// Onward referrals to other services (wheelchair service, social care, falls clinic), tracked until the
// receiving service acknowledges them. Each is its own versioned record; each step is in the episode's history.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import { HomewardError, notFound, validationFailed, versionConflict } from '../platform/homeward-error.ts';
import { audit, requirePrincipal } from '../platform/request-context.ts';
import { appendEpisodeEvent } from './change-episode.ts';
import { toOnwardReferral } from './episode-queries.ts';
import type { EpisodeResponse, OnwardReferralResponse } from './episode-schema.ts';

export type AddOnwardReferralOptions = { episode: EpisodeResponse; toService: string; note: string | null; accessReason: string | null };

export async function addOnwardReferral(request: FastifyRequest, trx: Kysely<Database>, o: AddOnwardReferralOptions): Promise<OnwardReferralResponse> {
  const principal = requirePrincipal(request);
  const toService = o.toService.trim();
  if (!toService) throw validationFailed([{ path: 'toService', message: 'Enter the service the patient is being referred to' }]);
  const now = request.server.config.now();
  const row = await trx
    .insertInto('onward_referrals')
    .values({ id: uuidv7(), episode_id: o.episode.id, to_service: toService, note: o.note, sent_at: now, created_at: now, created_by: principal.staffId, updated_at: now, updated_by: principal.staffId })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendEpisodeEvent(request, trx, { episodeId: o.episode.id, kind: 'onward-referral', reason: null, detail: { onwardReferralId: row.id, toService, ...(o.note ? { note: o.note } : {}) } });
  await audit(request, { action: 'write', outcome: 'allowed', patientId: o.episode.patientId, recordKind: 'onward-referral', recordId: row.id, reason: o.accessReason, detail: { episodeId: o.episode.id, change: 'onward-referral' } }, trx);
  return toOnwardReferral(row);
}

export type AcknowledgeOnwardReferralOptions = { episode: EpisodeResponse; onwardReferralId: string; expectedVersion: number; accessReason: string | null };

export async function acknowledgeOnwardReferral(request: FastifyRequest, trx: Kysely<Database>, o: AcknowledgeOnwardReferralOptions): Promise<OnwardReferralResponse> {
  const principal = requirePrincipal(request);
  const now = request.server.config.now();
  const existing = await trx.selectFrom('onward_referrals').selectAll().where('id', '=', o.onwardReferralId).where('episode_id', '=', o.episode.id).executeTakeFirst();
  if (!existing) throw notFound('Onward referral');
  // Someone acknowledged it first: a stale write like any other, answered with it as it stands (an audited read).
  if (existing.acknowledged_at !== null) throw new HomewardError('version_conflict', 'This onward referral has already been acknowledged', { current: toOnwardReferral(existing), currentPatientId: o.episode.patientId });
  const row = await trx
    .updateTable('onward_referrals')
    .set((eb) => ({ acknowledged_at: now, version: eb('version', '+', 1), updated_at: now, updated_by: principal.staffId }))
    .where('id', '=', existing.id)
    .where('version', '=', o.expectedVersion)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw versionConflict(toOnwardReferral(existing), { patientId: o.episode.patientId });
  await appendEpisodeEvent(request, trx, { episodeId: o.episode.id, kind: 'onward-acknowledged', reason: null, detail: { onwardReferralId: row.id, toService: row.to_service } });
  await audit(request, { action: 'write', outcome: 'allowed', patientId: o.episode.patientId, recordKind: 'onward-referral', recordId: row.id, reason: o.accessReason, detail: { episodeId: o.episode.id, change: 'onward-acknowledged' } }, trx);
  return toOnwardReferral(row);
}
