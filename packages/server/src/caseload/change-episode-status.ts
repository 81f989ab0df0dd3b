// An episode's status: first contact makes it active (and sets the dates that follow from it), a hold
// pauses it with a reason, resuming takes it back to where it was.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { changeEpisode } from './change-episode.ts';
import { addCalendarDays, clinicalDateProblem, isIntermediateCare, onHoldReasonLabels, plannedEndDate, reviewDates, ukDateOf, type OnHoldReason, type Service } from '@homeward/clinical';
import { episodeDateFacts } from './episode-date-facts.ts';
import type { EpisodeResponse } from './episode-schema.ts';
import type { EpisodeAccess } from './episode-access.ts';

/** Episodes outside intermediate care have no set end; their first review falls six weeks in. */
const firstReviewOutsideIntermediateCareDays = 42;

export type FirstContact = { at: Date; nextContactAt: Date | null; assessed: boolean };

/** Problems with a first contact, as field errors ('at', 'nextContactAt'); empty when it can be recorded. */
export function checkFirstContact(episode: EpisodeResponse, contact: FirstContact, now: Date): FieldError[] {
  if (episode.status === 'discharged') return [{ path: 'at', message: 'This episode has been discharged' }];
  if (episode.firstContactAt !== null) return [{ path: 'at', message: 'First contact has already been recorded for this episode' }];
  if (episode.status === 'on-hold') return [{ path: 'at', message: 'This episode is on hold. Resume it before recording first contact' }];
  const fields: FieldError[] = [];
  const dates = episodeDateFacts(episode, now);
  const at = clinicalDateProblem('first-contact', contact.at, dates);
  if (at) fields.push({ path: 'at', message: at });
  if (contact.nextContactAt) {
    const next = clinicalDateProblem('next-contact', contact.nextContactAt, dates);
    if (contact.nextContactAt.getTime() <= contact.at.getTime()) fields.push({ path: 'nextContactAt', message: 'The next planned contact must be after the first contact' });
    else if (next) fields.push({ path: 'nextContactAt', message: next });
  }
  return fields;
}

/** The planned end (6 weeks for intermediate care) and the first review that follow from the first contact. */
export function datesFromFirstContact(service: string, firstContactAt: Date): { plannedEndOn: string | null; reviewDueOn: string } {
  const startOn = ukDateOf(firstContactAt);
  if (!isIntermediateCare(service as Service)) {
    return { plannedEndOn: null, reviewDueOn: addCalendarDays(startOn, firstReviewOutsideIntermediateCareDays) };
  }
  const plannedEndOn = plannedEndDate({ firstContact: startOn });
  return { plannedEndOn, reviewDueOn: reviewDates({ startOn, plannedEndOn }).midwayReviewOn };
}

export type RecordFirstContactOptions = { access: EpisodeAccess<'write'>; contact: FirstContact; version: number };

export async function recordFirstContact(trx: Kysely<Database>, o: RecordFirstContactOptions): Promise<EpisodeResponse> {
  const episode = o.access.episode;
  const problems = checkFirstContact(episode, o.contact, o.access.grant.actor.now);
  if (problems.length) throw validationFailed(problems);
  const dates = datesFromFirstContact(episode.service, o.contact.at);
  return changeEpisode(trx, {
    grant: o.access.grant,
    episodeId: episode.id,
    version: o.version,
    set: {
      status: 'active',
      first_contact_at: o.contact.at,
      last_contact_at: o.contact.at,
      ...(o.contact.assessed ? { first_assessment_at: o.contact.at } : {}),
      ...(o.contact.nextContactAt ? { next_contact_at: o.contact.nextContactAt } : {}),
      planned_end_on: dates.plannedEndOn,
      review_due_on: dates.reviewDueOn,
    },
    event: {
      kind: 'status-changed',
      reason: 'first-contact',
      detail: { from: episode.status, to: 'active', firstContactAt: o.contact.at.toISOString(), assessed: o.contact.assessed, clock: episode.clock.state },
    },
  });
}

export type Hold = { reason: OnHoldReason; note: string | null };

export function checkHold(episode: EpisodeResponse, hold: Hold): FieldError[] {
  if (episode.status === 'on-hold') return [{ path: 'reason', message: 'This episode is already on hold' }];
  if (episode.status === 'discharged') return [{ path: 'reason', message: 'This episode has been discharged' }];
  if (hold.reason === 'other' && !hold.note) return [{ path: 'note', message: 'Say why the episode is on hold' }];
  return [];
}

export type PutEpisodeOnHoldOptions = { access: EpisodeAccess<'write'>; hold: Hold; version: number };

export async function putEpisodeOnHold(trx: Kysely<Database>, o: PutEpisodeOnHoldOptions): Promise<EpisodeResponse> {
  const episode = o.access.episode;
  const problems = checkHold(episode, o.hold);
  if (problems.length) throw validationFailed(problems);
  const label = onHoldReasonLabels[o.hold.reason];
  return changeEpisode(trx, {
    grant: o.access.grant,
    episodeId: episode.id,
    version: o.version,
    // The words clinicians read on the caseload; the reason code and note are kept in the history.
    set: { status: 'on-hold', hold_reason: o.hold.note ? `${label}: ${o.hold.note}` : label },
    event: { kind: 'status-changed', reason: o.hold.reason, detail: { from: episode.status, to: 'on-hold', ...(o.hold.note ? { note: o.hold.note } : {}) } },
  });
}

export type ResumeEpisodeOptions = { access: EpisodeAccess<'write'>; version: number };

export async function resumeEpisode(trx: Kysely<Database>, o: ResumeEpisodeOptions): Promise<EpisodeResponse> {
  const episode = o.access.episode;
  if (episode.status !== 'on-hold') throw validationFailed([{ path: 'status', message: 'Only an episode on hold can be resumed' }]);
  const to = episode.firstContactAt ? 'active' : 'waiting';
  return changeEpisode(trx, {
    grant: o.access.grant,
    episodeId: episode.id,
    version: o.version,
    set: { status: to, hold_reason: null },
    event: { kind: 'status-changed', reason: 'resumed', detail: { from: 'on-hold', to, heldFor: episode.holdReason } },
  });
}
