// Allocation within competence: to a named clinician, back to the team's waiting list, or handed over
// to a colleague (weekend cover, leave). The competence rules are packages/clinical's; the refusal
// names the rule, is audited, and nothing changes.
import type { Kysely } from 'kysely';
import {
  type HomewardRole,
  checkAllocation,
  heldSkills,
  mayAllocate,
  ukDateOf,
  type AllocationChangeReason,
  type AllocationDecision,
  type Skill,
} from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { auditAs } from '../platform/actor.ts';
import { changeEpisode } from './change-episode.ts';
import { findStaffForAllocation, type StaffForAllocation } from './episode-queries.ts';
import type { EpisodeResponse } from './episode-schema.ts';
import type { EpisodeAccess } from './episode-access.ts';

export type AllocationKind = 'allocation' | 'hand-over';

/** The competence rules for one clinician and one episode, with the skills they hold on the day (an expired competence counts for nothing). */
export function competenceFor(episode: EpisodeResponse, staff: StaffForAllocation, onDay: string): AllocationDecision {
  const skills = heldSkills({ listed: staff.listedSkills, recorded: staff.competences, onDay });
  return checkAllocation({
    episode: { complexity: episode.complexity, skillsNeeded: episode.skillsNeeded as Skill[], assessmentDone: episode.firstAssessmentAt !== null },
    clinician: { role: staff.role as HomewardRole, profession: staff.profession as 'OT' | 'PT' | 'none', skills: skills as Skill[], active: staff.active },
  });
}

/**
 * Clinical leads and registered therapists allocate; the clinician holding an episode may also hand it
 * over to a colleague. Anyone else is refused (403), and the refusal audited.
 */
export type AllocationOptions = { access: EpisodeAccess<'write'>; kind: AllocationKind };

export async function authoriseAllocation(db: Kysely<Database>, o: AllocationOptions): Promise<void> {
  const { episode, grant } = o.access;
  const kind = o.kind;
  const principal = grant.staff;
  const holder = kind === 'hand-over' && episode.allocatedTo === principal.staffId;
  if (mayAllocate(principal.role) || holder) return;
  await auditAs(grant.actor, db, {
    action: 'write',
    outcome: 'refused',
    patientId: episode.patientId,
    recordKind: 'episode',
    recordId: episode.id,
    detail: { change: kind, rule: 'may-not-allocate' },
  });
  throw new HomewardError(
    'forbidden',
    kind === 'hand-over'
      ? 'Only the clinician holding this episode, a registered therapist or a clinical lead can hand it over'
      : 'Only registered therapists and clinical leads can allocate episodes of care',
  );
}

export type AllocationChange = {
  staffId: string | null;
  reason: AllocationChangeReason | null;
  note: string | null;
};

/**
 * Checks an allocation before anything is written: the episode is open, the change is a change, a
 * reallocation or hand-over says why, and the clinician is in the team and within competence.
 * A competence refusal is audited with the rule broken.
 */
export async function checkAllocationChange(db: Kysely<Database>, o: AllocationOptions & { change: AllocationChange }): Promise<StaffForAllocation | null> {
  const { episode, grant } = o.access;
  const { kind, change } = o;
  const fields: FieldError[] = [];
  if (episode.status === 'discharged') throw validationFailed([{ path: 'staffId', message: 'This episode has been discharged, so it cannot be allocated' }]);
  if (kind === 'hand-over' && episode.allocatedTo === null) {
    throw validationFailed([{ path: 'staffId', message: 'This episode is on the waiting list: allocate it rather than hand it over' }]);
  }
  if (change.staffId === null && episode.allocatedTo === null) {
    fields.push({ path: 'staffId', message: 'This episode is already on the team’s waiting list' });
  }
  if (change.staffId !== null && change.staffId === episode.allocatedTo) {
    fields.push({ path: 'staffId', message: `${episode.allocatedToName ?? 'This clinician'} already holds this episode. Choose someone else` });
  }
  const reasonNeeded = kind === 'hand-over' || episode.allocatedTo !== null;
  if (reasonNeeded && change.reason === null) {
    fields.push({ path: 'reason', message: kind === 'hand-over' ? 'Choose why the episode is being handed over' : 'Choose why the episode is moving from its current clinician' });
  }
  if (change.reason === 'other' && !change.note) fields.push({ path: 'note', message: 'Say why the episode is moving' });

  let staff: StaffForAllocation | null = null;
  if (change.staffId !== null && !fields.some((f) => f.path === 'staffId')) {
    staff = await findStaffForAllocation(db, change.staffId);
    if (!staff || staff.teamId !== episode.teamId) {
      fields.push({ path: 'staffId', message: 'Choose a clinician in the team caring for this patient' });
    } else {
      const decision = competenceFor(episode, staff, ukDateOf(grant.actor.now));
      if (!decision.allowed) {
        await auditAs(grant.actor, db, {
          action: 'write',
          outcome: 'refused',
          patientId: episode.patientId,
          recordKind: 'episode',
          recordId: episode.id,
          detail: { change: kind, rule: decision.rule, staffId: staff.id },
        });
        fields.unshift({ path: 'staffId', message: `${staff.name} cannot hold this episode. ${decision.message}` });
      }
    }
  }
  if (fields.length) throw validationFailed(fields);
  return staff;
}

export type AllocateEpisodeOptions = AllocationOptions & {
  change: AllocationChange;
  /** The clinician checkAllocationChange found (null: back to the waiting list). */
  staff: StaffForAllocation | null;
  /** The version the allocator read. */
  version: number;
};

export async function allocateEpisode(trx: Kysely<Database>, o: AllocateEpisodeOptions): Promise<EpisodeResponse> {
  const { episode, grant } = o.access;
  const change = o.change;
  const eventKind = o.kind === 'hand-over' ? 'handed-over' : episode.allocatedTo === null ? 'allocated' : 'reallocated';
  return changeEpisode(trx, {
    grant,
    episodeId: episode.id,
    version: o.version,
    set: { allocated_to: change.staffId, allocated_at: change.staffId ? grant.actor.now : null },
    event: {
      kind: eventKind,
      reason: change.reason,
      detail: {
        fromStaffId: episode.allocatedTo,
        fromName: episode.allocatedToName,
        toStaffId: change.staffId,
        toName: o.staff?.name ?? null,
        ...(change.note ? { note: change.note } : {}),
      },
    },
  });
}
