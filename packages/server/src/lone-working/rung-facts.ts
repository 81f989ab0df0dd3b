// What the rota says on the alert's day, for who a rung tells: the on-call responder and manager (counted
// only when they are still in Homeward and not absent that day), the clinical leads working that day, the
// service managers, and each person's work phone and car.
import type { Kysely } from 'kysely';
import { onCallUnavailable, toUkWallClock, type OnCallUnavailable, type RungFacts } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { readOnCall, readRotaForDates, type OnCall, type StaffDay } from '../staff/public.ts';

export type RungPerson = { staffId: string; name: string; email: string; workPhone: string | null; carDescription: string | null };

/** Someone set on call that day who does not count (on leave, off sick, deactivated): their rung goes to the fallback. */
export type PassedOver = { staffId: string; name: string; as: 'responder' | 'manager'; because: OnCallUnavailable };

export type RungFactsOfDay = RungFacts & { date: string; people: Map<string, RungPerson>; passedOver: PassedOver[] };

export type OnCallOfDay = { onCall: OnCall | null; responderStaffId: string | null; managerStaffId: string | null; passedOver: PassedOver[]; rota: StaffDay[] };

/**
 * The day's on call as it can be counted on: the responder and manager set on the rota, each dropped (to
 * null, with why in `passedOver`) when deactivated or absent that day by the rota of their own team.
 */
export async function readOnCallOfDay(trx: Kysely<Database>, o: { teamId: string; date: string }): Promise<OnCallOfDay> {
  const [onCall, rota] = await Promise.all([readOnCall(trx, o), readRotaForDates(trx, { teamId: o.teamId, from: o.date, to: o.date })]);
  const passedOver: PassedOver[] = [];
  const counted = async (staffId: string | null | undefined, name: string | null | undefined, as: PassedOver['as']): Promise<string | null> => {
    if (!staffId) return null;
    const person = await trx.selectFrom('staff').select(['active', 'team_id']).where('id', '=', staffId).executeTakeFirst();
    // Someone from another team (a manager covering several): their absence is on their own team's rota.
    const day = person?.team_id && person.team_id !== o.teamId
      ? (await readRotaForDates(trx, { teamId: person.team_id, from: o.date, to: o.date })).find((d) => d.staffId === staffId)
      : rota.find((d) => d.staffId === staffId);
    const because = onCallUnavailable({ active: person?.active ?? false, notWorkingBecause: day?.notWorkingBecause });
    if (!because) return staffId;
    passedOver.push({ staffId, name: name ?? '', as, because });
    return null;
  };
  const responderStaffId = await counted(onCall?.staffId, onCall?.name, 'responder');
  const managerStaffId = await counted(onCall?.managerStaffId, onCall?.managerName, 'manager');
  return { onCall, responderStaffId, managerStaffId, passedOver, rota };
}

export async function readRungFacts(trx: Kysely<Database>, o: { teamId: string; clinicianStaffId: string; now: Date }): Promise<RungFactsOfDay> {
  const date = toUkWallClock(o.now).date;
  const [day, staff] = await Promise.all([
    readOnCallOfDay(trx, { teamId: o.teamId, date }),
    trx.selectFrom('staff').select(['id', 'given_name', 'family_name', 'email', 'homeward_role', 'team_id', 'active']).where((eb) => eb.or([eb('team_id', '=', o.teamId), eb('id', '=', o.clinicianStaffId)])).execute(),
  ]);
  const { rota } = day;
  const dayOf = new Map(rota.map((d) => [d.staffId, d]));
  const people = new Map<string, RungPerson>();
  for (const s of staff) {
    const d = dayOf.get(s.id);
    people.set(s.id, { staffId: s.id, name: `${s.given_name} ${s.family_name}`, email: s.email, workPhone: d?.workPhone ?? null, carDescription: d?.carDescription ?? null });
  }
  // The on-call manager may be outside the team's staff list (another team's manager): fetch them too.
  for (const id of [day.responderStaffId, day.managerStaffId]) {
    if (!id || people.has(id)) continue;
    const s = await trx.selectFrom('staff').select(['id', 'given_name', 'family_name', 'email']).where('id', '=', id).executeTakeFirst();
    if (s) people.set(s.id, { staffId: s.id, name: `${s.given_name} ${s.family_name}`, email: s.email, workPhone: null, carDescription: null });
  }
  const active = (id: string) => staff.some((s) => s.id === id && s.active);
  return {
    date,
    people,
    passedOver: day.passedOver,
    clinicianStaffId: o.clinicianStaffId,
    onCallStaffId: day.responderStaffId,
    onCallManagerStaffId: day.managerStaffId,
    // A lead counts as the responder only on a day the rota has them working: not on leave, not a day off.
    clinicalLeadsWorking: rota.filter((d) => d.role === 'clinical-lead' && d.shift !== null && active(d.staffId)).map((d) => d.staffId),
    // A service manager on the rota and absent that day is not counted either (most are not on it).
    serviceManagers: staff.filter((s) => s.homeward_role === 'service-manager' && s.active && s.team_id === o.teamId && !onCallUnavailable({ active: true, notWorkingBecause: dayOf.get(s.id)?.notWorkingBecause })).map((s) => s.id),
  };
}
