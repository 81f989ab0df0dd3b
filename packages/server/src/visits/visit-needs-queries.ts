// An episode's visit needs as recorded, or the defaults from triage when nobody has recorded them yet
// (duration by complexity, at home, two staff when a risk flag or a hoist says so).
import type { Kysely } from 'kysely';
import { defaultVisitNeeds, pairsReasonFrom, type Complexity, type VisitNeeds, type VisitWindow, type Weekday } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';

export type RecordedVisitNeeds = VisitNeeds & { id: string | null; version: number | null; episodeId: string; notes: string | null };

export type NeedsFacts = { episodeId: string; complexity: Complexity; skillsNeeded: readonly string[]; riskFlags: readonly string[]; programmeActivities: readonly string[] };

type NeedsRow = {
  id: string;
  version: number;
  duration_minutes: number;
  place: VisitNeeds['place'];
  windows: unknown;
  unavailable_days: unknown;
  staff_needed: number;
  staff_needed_reason: string | null;
  registered_required: boolean;
  skills: unknown;
  preferred_staff_id: string | null;
  notes: string | null;
};

export function needsFromRow(episodeId: string, r: NeedsRow): RecordedVisitNeeds {
  return {
    id: r.id,
    version: r.version,
    episodeId,
    durationMinutes: r.duration_minutes,
    place: r.place,
    windows: (r.windows as VisitWindow[]) ?? [],
    unavailableDays: (r.unavailable_days as Weekday[]) ?? [],
    staffNeeded: r.staff_needed === 2 ? 2 : 1,
    staffNeededReason: r.staff_needed_reason,
    registeredRequired: r.registered_required,
    skills: (r.skills as string[]) ?? [],
    preferredStaffId: r.preferred_staff_id,
    notes: r.notes,
  };
}

export function defaultNeedsFor(f: NeedsFacts): RecordedVisitNeeds {
  const pairsReason = pairsReasonFrom({ riskFlags: f.riskFlags, programmeActivities: f.programmeActivities, skillsNeeded: f.skillsNeeded });
  return { ...defaultVisitNeeds({ complexity: f.complexity, skillsNeeded: f.skillsNeeded, pairsReason }), id: null, version: null, episodeId: f.episodeId, notes: null };
}

/** The facts the defaults come from, for one episode. */
export async function loadNeedsFacts(db: Kysely<Database>, episodeId: string): Promise<NeedsFacts | undefined> {
  const e = await db
    .selectFrom('episodes')
    .innerJoin('patients', 'patients.id', 'episodes.patient_id')
    .select(['episodes.id', 'episodes.complexity', 'episodes.skills_needed', 'patients.risk_flags'])
    .where('episodes.id', '=', episodeId)
    .executeTakeFirst();
  if (!e) return undefined;
  const activities = await db
    .selectFrom('programme_activities')
    .select(['title', 'instructions', 'competence'])
    .where('episode_id', '=', episodeId)
    .where('status', '=', 'active')
    .execute();
  return {
    episodeId,
    complexity: e.complexity,
    skillsNeeded: (e.skills_needed as string[]) ?? [],
    riskFlags: (e.risk_flags as string[]) ?? [],
    programmeActivities: activities.map((a) => [a.title, a.instructions, a.competence ?? ''].join(' ')),
  };
}

/** The needs recorded for the episode, or its defaults (id and version null) when none are. */
export async function findVisitNeeds(db: Kysely<Database>, episodeId: string): Promise<RecordedVisitNeeds | undefined> {
  const row = await db.selectFrom('visit_needs').selectAll().where('episode_id', '=', episodeId).executeTakeFirst();
  if (row) return needsFromRow(episodeId, row);
  const facts = await loadNeedsFacts(db, episodeId);
  return facts && defaultNeedsFor(facts);
}
