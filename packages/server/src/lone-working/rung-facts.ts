// What the rota says on the alert's day, for who a rung tells: the on-call responder and manager, the
// clinical leads working that day, the service managers, and each person's work phone and car.
import type { Kysely } from 'kysely';
import { toUkWallClock, type RungFacts } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { readOnCall, readRotaForDates } from '../staff/public.ts';

export type RungPerson = { staffId: string; name: string; email: string; workPhone: string | null; carDescription: string | null };

export type RungFactsOfDay = RungFacts & { date: string; people: Map<string, RungPerson> };

export async function readRungFacts(trx: Kysely<Database>, o: { teamId: string; clinicianStaffId: string; now: Date }): Promise<RungFactsOfDay> {
  const date = toUkWallClock(o.now).date;
  const [onCall, rota, staff] = await Promise.all([
    readOnCall(trx, { teamId: o.teamId, date }),
    readRotaForDates(trx, { teamId: o.teamId, from: date, to: date }),
    trx.selectFrom('staff').select(['id', 'given_name', 'family_name', 'email', 'homeward_role', 'team_id', 'active']).where((eb) => eb.or([eb('team_id', '=', o.teamId), eb('id', '=', o.clinicianStaffId)])).execute(),
  ]);
  const dayOf = new Map(rota.map((d) => [d.staffId, d]));
  const people = new Map<string, RungPerson>();
  for (const s of staff) {
    const day = dayOf.get(s.id);
    people.set(s.id, { staffId: s.id, name: `${s.given_name} ${s.family_name}`, email: s.email, workPhone: day?.workPhone ?? null, carDescription: day?.carDescription ?? null });
  }
  // The on-call manager may be outside the team's staff list (another team's manager): fetch them too.
  for (const id of [onCall?.staffId, onCall?.managerStaffId]) {
    if (!id || people.has(id)) continue;
    const s = await trx.selectFrom('staff').select(['id', 'given_name', 'family_name', 'email']).where('id', '=', id).executeTakeFirst();
    if (s) people.set(s.id, { staffId: s.id, name: `${s.given_name} ${s.family_name}`, email: s.email, workPhone: null, carDescription: null });
  }
  const active = (id: string) => staff.some((s) => s.id === id && s.active);
  return {
    date,
    people,
    clinicianStaffId: o.clinicianStaffId,
    onCallStaffId: onCall?.staffId ?? null,
    onCallManagerStaffId: onCall?.managerStaffId ?? null,
    // A lead counts as the responder only on a day the rota has them working: not on leave, not a day off.
    clinicalLeadsWorking: rota.filter((d) => d.role === 'clinical-lead' && d.shift !== null && active(d.staffId)).map((d) => d.staffId),
    serviceManagers: staff.filter((s) => s.homeward_role === 'service-manager' && s.active && s.team_id === o.teamId).map((s) => s.id),
  };
}
