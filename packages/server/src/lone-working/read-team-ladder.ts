// The team's escalation ladder: its own (lone_working_settings) or the Trust's default.
import type { Kysely } from 'kysely';
import { defaultGraceSeconds, defaultLadder, type LadderRung, type LoneWorkingLadder } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';

export type TeamLadder = LoneWorkingLadder & { version: number | null };

export async function readTeamLadder(trx: Kysely<Database>, teamId: string): Promise<TeamLadder> {
  const row = await trx.selectFrom('lone_working_settings').select(['grace_seconds', 'ladder', 'version']).where('team_id', '=', teamId).executeTakeFirst();
  if (!row) return { graceSeconds: defaultGraceSeconds, rungs: defaultLadder, version: null };
  const rungs = (typeof row.ladder === 'string' ? JSON.parse(row.ladder) : row.ladder) as LadderRung[];
  return { graceSeconds: row.grace_seconds, rungs: [...rungs].sort((a, b) => a.level - b.level), version: row.version };
}
