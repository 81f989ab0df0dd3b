// The team's CPD at a glance for its clinical lead and service manager: each person's activities and hours
// over the profile's two years and their latest entry, their log one link away. Reading it is a read of
// each person's CPD, audited once with whose.
import type { Kysely } from 'kysely';
import { addCalendarDays, cpdProfileYears, homewardRoleLabels, ukDateOf, type HomewardRole } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { cpdRecordKind } from './cpd-access.ts';

export type TeamCpdRow = { staffId: string; name: string; roleLabel: string; entries: number; hours: number; latestOn: string | null };

export type ListTeamCpdOptions = { actor: Actor };

export async function listTeamCpd(db: Kysely<Database>, o: ListTeamCpdOptions): Promise<TeamCpdRow[]> {
  const reader = o.actor.staff;
  if ((reader.role !== 'clinical-lead' && reader.role !== 'service-manager') || reader.teamId === null) {
    await auditAs(o.actor, db, { action: 'read', outcome: 'refused', recordKind: cpdRecordKind, detail: { rule: 'not-team-lead', list: 'team', route: o.actor.origin.via } });
    throw new HomewardError('forbidden', 'The team’s CPD is seen by its clinical lead and service manager. Your own log is under CPD');
  }
  const from = addCalendarDays(ukDateOf(o.actor.now), -365 * cpdProfileYears);
  const rows = await db
    .selectFrom('staff')
    .leftJoin('cpd_entries as e', (join) => join.onRef('e.staff_id', '=', 'staff.id').on('e.done_on', '>=', from))
    .select((eb) => [
      'staff.id',
      'staff.given_name',
      'staff.family_name',
      'staff.homeward_role',
      eb.fn.count<string>('e.id').as('entries'),
      eb.fn.coalesce(eb.fn.sum<string>('e.hours'), eb.lit(0)).as('hours'),
      eb.fn.max('e.done_on').as('latest_on'),
    ])
    .where('staff.team_id', '=', reader.teamId)
    .where('staff.active', '=', true)
    .where('staff.homeward_role', 'in', ['support-worker', 'assistant-practitioner', 'registered-therapist', 'clinical-lead', 'student'])
    .groupBy(['staff.id', 'staff.given_name', 'staff.family_name', 'staff.homeward_role'])
    .orderBy('staff.family_name')
    .orderBy('staff.given_name')
    .execute();
  const team = rows.map((r) => ({
    staffId: r.id,
    name: `${r.given_name} ${r.family_name}`,
    roleLabel: homewardRoleLabels[r.homeward_role as HomewardRole],
    entries: Number(r.entries),
    hours: Number(r.hours),
    latestOn: r.latest_on === null ? null : String(r.latest_on).slice(0, 10),
  }));
  await auditAs(o.actor, db, { action: 'read', outcome: 'allowed', recordKind: cpdRecordKind, detail: { list: 'team', basis: 'team-lead', staffIds: team.map((t) => t.staffId) } });
  return team;
}
