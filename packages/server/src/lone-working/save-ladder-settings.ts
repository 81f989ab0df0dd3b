// The team's own escalation ladder, set by its clinical lead or service manager: grace minutes, and each
// rung's minutes after raising and instructions. The rules every ladder keeps are packages/clinical's.
import type { Kysely } from 'kysely';
import { ladderProblems, type LadderRung } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { validationFailed, versionConflict } from '../platform/homeward-error.ts';
import { readTeamLadder, type TeamLadder } from './read-team-ladder.ts';

export const ladderRecordKind = 'lone-working-settings';

/** version: the settings' version the form was shown with; null when the team had none (the default). */
export async function saveLadderSettings(trx: Kysely<Database>, o: { actor: Actor; teamId: string; version: number | null; graceSeconds: number; rungs: LadderRung[] }): Promise<TeamLadder> {
  const problems = ladderProblems({ graceSeconds: o.graceSeconds, rungs: o.rungs });
  if (problems.length) throw validationFailed(problems);
  const now = o.actor.now;
  const by = o.actor.staff.staffId;
  const ladder = JSON.stringify(o.rungs);
  const current = () => readTeamLadder(trx, o.teamId);
  if (o.version === null) {
    const made = await trx
      .insertInto('lone_working_settings')
      .values({ team_id: o.teamId, grace_seconds: o.graceSeconds, ladder, created_at: now, created_by: by, updated_at: now, updated_by: by })
      .onConflict((oc) => oc.column('team_id').doNothing())
      .returning('team_id')
      .executeTakeFirst();
    if (!made) throw versionConflict(await current());
  } else {
    const changed = await trx
      .updateTable('lone_working_settings')
      .set((eb) => ({ grace_seconds: o.graceSeconds, ladder, version: eb('version', '+', 1), updated_at: now, updated_by: by }))
      .where('team_id', '=', o.teamId)
      .where('version', '=', o.version)
      .returning('team_id')
      .executeTakeFirst();
    if (!changed) throw versionConflict(await current());
  }
  await auditAs(o.actor, trx, { action: 'write', outcome: 'allowed', recordKind: ladderRecordKind, recordId: o.teamId, detail: { graceSeconds: o.graceSeconds, rungs: o.rungs.length } });
  return current();
}
