// First contact makes an episode active, and sets the dates that follow from it (the planned end of
// intermediate care, the first review).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { addCalendarDays, clinicalDateProblem, isIntermediateCare, plannedEndDate, reviewDates, ukDateOf, type Service } from '@homeward/clinical';
import { validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { changeEpisode } from './change-episode.ts';
import { episodeDateFacts } from './episode-date-facts.ts';
import type { EpisodeAccess } from './episode-access.ts';
import type { EpisodeResponse } from './episode-schema.ts';

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
