// The day before: each team with home visits published for the day and nobody on call to respond is
// told, through its clinical leads, so the gap is filled before anyone is out alone without a responder.
import type { Kysely } from 'kysely';
import { isRotaGap } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { AnyActor } from '../platform/actor.ts';
import { createNotification } from './notify-rung.ts';
import { readOnCallOfDay } from './rung-facts.ts';

export const rotaGapKind = 'lone-working-rota-gap';

/** Tells each team's leads of a gap on `date`; the teams told (once each: a rerun tells nobody twice). */
export async function tellRotaGaps(trx: Kysely<Database>, o: { actor: AnyActor; date: string }): Promise<string[]> {
  const teams = await trx
    .selectFrom('visits as v')
    .innerJoin('visit_plans as p', (j) => j.onRef('p.team_id', '=', 'v.team_id').onRef('p.on_date', '=', 'v.on_date'))
    .select(['v.team_id'])
    .select((eb) => eb.fn.countAll<string>().as('visits'))
    .where('v.on_date', '=', o.date)
    .where('v.place', '=', 'home')
    .where('v.status', '<>', 'cancelled')
    .where('p.published_at', 'is not', null)
    .groupBy('v.team_id')
    .execute();
  const told: string[] = [];
  const link = `/rota?date=${o.date}`;
  for (const t of teams) {
    // Someone set on call who is on leave, off sick or no longer working that day is no responder: a gap too.
    const day = await readOnCallOfDay(trx, { teamId: t.team_id, date: o.date });
    if (!isRotaGap({ publishedHomeVisits: Number(t.visits), onCallStaffId: day.responderStaffId })) continue;
    const absent = day.passedOver.find((p) => p.as === 'responder');
    const reasons: Record<string, string> = { 'no-longer-working': 'no longer works in Homeward', 'annual-leave': 'is on annual leave', sickness: 'is off sick', training: 'is on training', 'other-absence': 'is absent' };
    const leads = await trx.selectFrom('staff').select(['id', 'email']).where('team_id', '=', t.team_id).where('homeward_role', '=', 'clinical-lead').where('active', '=', true).execute();
    for (const lead of leads) {
      const already = await trx.selectFrom('notifications').select('id').where('staff_id', '=', lead.id).where('kind', '=', rotaGapKind).where('link', '=', link).executeTakeFirst();
      if (already) continue;
      await createNotification(trx, {
        config: o.actor.config,
        now: o.actor.now,
        notification: {
          staffId: lead.id,
          teamId: t.team_id,
          alertId: null,
          kind: rotaGapKind,
          urgent: false,
          title: `Nobody on call on ${o.date} for lone working`,
          body: `${Number(t.visits)} home visit(s) are published for ${o.date} and nobody is on call to respond to a lone working alert${absent ? ` (${absent.name} is set on call but ${reasons[absent.because] ?? 'is absent'} that day)` : ''}. A missed check-in would go to a clinical lead working that day, else straight to the manager. Set who is on call on the rota.`,
          link,
          email: lead.email,
          phone: null,
        },
      });
    }
    told.push(t.team_id);
  }
  return told;
}
