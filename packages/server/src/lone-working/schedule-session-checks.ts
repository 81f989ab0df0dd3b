// The session's two timers: its check-in due at the expected start plus the team's grace, its check-out
// at the expected end plus grace. Called again whenever the times change: each timer's key carries its
// due time, and the check it makes re-reads the session, so a timer left for old times does nothing.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { enqueueJob } from '../platform/jobs.ts';
import { loneWorkingJobKinds } from './lone-working-types.ts';
import { timerAttempts } from './timer-attempts.ts';
import { readTeamLadder } from './read-team-ladder.ts';

/** payload of a check timer; `expectedAt` is the session's time it was set for (a later change makes it stale). */
export type CheckDuePayload = { sessionId: string; check: 'in' | 'out'; dueAt: string; expectedAt: string };

export async function scheduleSessionChecks(trx: Kysely<Database>, o: { sessionId: string; now: Date }): Promise<void> {
  const session = await trx.selectFrom('lone_working_sessions').select(['id', 'team_id', 'status', 'expected_start', 'expected_end']).where('id', '=', o.sessionId).executeTakeFirst();
  if (!session || session.status === 'cancelled' || session.status === 'checked-out') return;
  const { graceSeconds } = await readTeamLadder(trx, session.team_id);
  const checks: Array<{ check: 'in' | 'out'; expected: Date }> = [
    ...(session.status === 'expected' ? [{ check: 'in' as const, expected: new Date(session.expected_start) }] : []),
    { check: 'out', expected: new Date(session.expected_end) },
  ];
  for (const c of checks) {
    const dueAt = new Date(c.expected.getTime() + graceSeconds * 1000);
    const payload: CheckDuePayload = { sessionId: session.id, check: c.check, dueAt: dueAt.toISOString(), expectedAt: c.expected.toISOString() };
    await enqueueJob(trx, { kind: loneWorkingJobKinds.checkDue, key: `${session.id}:${c.check}:${payload.dueAt}`, payload, now: o.now, runAt: dueAt, maxAttempts: timerAttempts, createdBy: null });
  }
}
