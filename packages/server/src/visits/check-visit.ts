// The checks a visit the lead adds or changes must pass, with field paths: the rules in
// packages/clinical (visitProblems: days, window, pinned time, the episode's state) and the team's
// (a pin only to someone in the team). Pages and the API list them all together, nothing written.
import type { Kysely } from 'kysely';
import { ukDateOf, visitProblems, type EpisodeStatus, type VisitDetails, type VisitPurpose } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { AnyActor } from '../platform/actor.ts';
import { validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { teamVisitorIds } from './team-visitors.ts';

export type CheckVisitOptions = {
  actor: AnyActor;
  teamId: string;
  episodeStatus: EpisodeStatus;
  details: VisitDetails;
  pinnedStaffId: string | null;
  /** What the visit is for (an equipment collection may be booked after discharge). */
  purpose?: VisitPurpose;
};

export async function visitFieldErrors(db: Kysely<Database>, o: CheckVisitOptions): Promise<FieldError[]> {
  const fields: FieldError[] = visitProblems(o.details, { today: ukDateOf(o.actor.now), episodeStatus: o.episodeStatus, ...(o.purpose ? { purpose: o.purpose } : {}) }).map((p) => ({ path: p.path.join('.'), message: p.message }));
  if (o.pinnedStaffId !== null && !(await teamVisitorIds(db, o.teamId)).has(o.pinnedStaffId)) {
    fields.push({ path: 'pinnedStaffId', message: 'A visit can only be pinned to someone in the team' });
  }
  return fields;
}

/** Throws 400 with every problem, or returns. */
export async function checkVisit(db: Kysely<Database>, o: CheckVisitOptions): Promise<void> {
  const fields = await visitFieldErrors(db, o);
  if (fields.length) throw validationFailed(fields);
}
