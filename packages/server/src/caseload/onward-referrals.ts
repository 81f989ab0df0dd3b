// Onward referrals to other services (wheelchair service, social care, falls clinic), tracked until the
// receiving service acknowledges them. Each is its own versioned record; each step is in the episode's history.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import { HomewardError, notFound, validationFailed } from '../platform/homeward-error.ts';
import { updateVersioned } from '../platform/update-versioned.ts';
import { auditWrite } from '../access/authorise-patient-access.ts';
import { appendEpisodeEvent } from './change-episode.ts';
import type { EpisodeAccess } from './episode-access.ts';
import { toOnwardReferral } from './episode-queries.ts';
import type { OnwardReferralResponse } from './episode-schema.ts';

export type AddOnwardReferralOptions = { access: EpisodeAccess<'write'>; toService: string; note: string | null };

export async function addOnwardReferral(trx: Kysely<Database>, o: AddOnwardReferralOptions): Promise<OnwardReferralResponse> {
  const { episode, grant } = o.access;
  const actor = grant.actor;
  const toService = o.toService.trim();
  if (!toService) throw validationFailed([{ path: 'toService', message: 'Enter the service the patient is being referred to' }]);
  const now = actor.now;
  const row = await trx
    .insertInto('onward_referrals')
    .values({ id: uuidv7(), episode_id: episode.id, to_service: toService, note: o.note, sent_at: now, created_at: now, created_by: actor.staff.staffId, updated_at: now, updated_by: actor.staff.staffId })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendEpisodeEvent(trx, { actor, episodeId: episode.id, kind: 'onward-referral', reason: null, detail: { onwardReferralId: row.id, toService, ...(o.note ? { note: o.note } : {}) } });
  await auditWrite(grant, trx, { recordKind: 'onward-referral', recordId: row.id, detail: { episodeId: episode.id, change: 'onward-referral' } });
  return toOnwardReferral(row);
}

export type AcknowledgeOnwardReferralOptions = { access: EpisodeAccess<'write'>; onwardReferralId: string; version: number };

export async function acknowledgeOnwardReferral(trx: Kysely<Database>, o: AcknowledgeOnwardReferralOptions): Promise<OnwardReferralResponse> {
  const { episode, grant } = o.access;
  const actor = grant.actor;
  const existing = await trx.selectFrom('onward_referrals').selectAll().where('id', '=', o.onwardReferralId).where('episode_id', '=', episode.id).executeTakeFirst();
  if (!existing) throw notFound('Onward referral');
  // Someone acknowledged it first: a stale write like any other, answered with it as it stands (an audited read).
  if (existing.acknowledged_at !== null) throw new HomewardError('version_conflict', 'This onward referral has already been acknowledged', { current: toOnwardReferral(existing), currentPatientId: episode.patientId });
  const row = await updateVersioned(trx, {
    actor,
    table: 'onward_referrals',
    id: existing.id,
    version: o.version,
    set: { acknowledged_at: actor.now },
    current: async () => toOnwardReferral(existing),
    what: 'Onward referral',
    patientId: episode.patientId,
  });
  await appendEpisodeEvent(trx, { actor, episodeId: episode.id, kind: 'onward-acknowledged', reason: null, detail: { onwardReferralId: row.id, toService: row.to_service } });
  await auditWrite(grant, trx, { recordKind: 'onward-referral', recordId: row.id, detail: { episodeId: episode.id, change: 'onward-acknowledged' } });
  return toOnwardReferral(row);
}
