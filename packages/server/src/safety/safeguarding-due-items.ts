// The home page's items from safeguarding (issue 17 #2): for a safeguarding lead, each concern waiting
// for a decision against its 24-hour clock ("SG-000045: decision overdue by 2 hours"). By reference only,
// naming no patient, so the home page shows nothing of the concern itself; the list has the rest.
import { safeguardingDecisionClock, ukDateOf } from '@homeward/clinical';
import type { DueItemsProvider } from '../platform/due-items.ts';
import { actorIsSafeguardingLead } from './safeguarding-access.ts';

export const safeguardingDueItems: DueItemsProvider = async (db, o) => {
  if (!(await actorIsSafeguardingLead(db, o.actor))) return [];
  const waiting = await db.selectFrom('safeguarding_concerns').select(['id', 'reference', 'decision_due_at']).where('status', '=', 'open').orderBy('decision_due_at').orderBy('id').execute();
  return waiting.map((c) => {
    const dueAt = new Date(c.decision_due_at);
    const clock = safeguardingDecisionClock({ dueAt, now: o.actor.now });
    return {
      group: 'Safeguarding decisions',
      text: `${c.reference}: decision ${clock.words}`,
      href: `/safety/safeguarding/${c.id}`,
      dueOn: ukDateOf(dueAt),
      // A 24-hour clock is always "soon" until it is past.
      status: clock.overdue ? ('overdue' as const) : ('due-soon' as const),
    };
  });
};
