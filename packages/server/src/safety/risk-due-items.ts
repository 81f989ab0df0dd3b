// The home page's items from the risk register (issue 17 #3): reviews due or overdue on open risks the
// person owns, and open risk actions they own, red/amber/green by date. The register names no patients.
import { dueStatusOf } from '@homeward/clinical';
import type { DueItem, DueItemsProvider } from '../platform/due-items.ts';
import { listRiskActions, listRisks } from './risk-queries.ts';

/** Amber a fortnight before a review or an action is due: time to gather what the review needs. */
export const riskSoonDays = 14;

export const riskDueItems: DueItemsProvider = async (db, o) => {
  const me = o.actor.staff.staffId;
  const risks = await listRisks(db, { status: 'open', ownerId: me });
  const reviews: DueItem[] = risks
    .map((r) => ({ group: 'Risk register', text: `Review ${r.reference}: ${r.title}`, href: `/safety/risks/${r.id}#review`, dueOn: r.reviewOn, status: dueStatusOf({ dueOn: r.reviewOn, today: o.today, soonDays: riskSoonDays }) }))
    .filter((i) => i.status !== 'in-date');
  const actions: DueItem[] = (await listRiskActions(db, { ownerId: me, openOnly: true })).map((a) => ({
    group: 'Risk register', text: `${a.action} (${a.riskReference})`, href: `/safety/risks/${a.riskId}#action-${a.id}`, dueOn: a.dueOn, status: dueStatusOf({ dueOn: a.dueOn, today: o.today, soonDays: riskSoonDays }),
  }));
  return [...reviews, ...actions];
};
