// The home page's "Due for you" from the MDT: each open action the person owns, red/amber/green by its
// due date. An action about a patient names them only when the access seam gives the owner the patient
// (each audited); an owner who may not see the patient (a changed role, or moved from the team whose
// meeting agreed it) is told only that an action is open.
import { dueStatusOf } from '@homeward/clinical';
import type { DueItem, DueItemsProvider } from '../platform/due-items.ts';
import { listActions } from './mdt-queries.ts';
import { myActions } from './mdt-shown.ts';

/** Amber a week before: an MDT action is usually a call or a referral, not a month's work. */
export const mdtActionSoonDays = 7;

export const mdtDueItems: DueItemsProvider = async (db, o) => {
  const me = o.actor.staff;
  const actions = await myActions(db, { actor: o.actor, teamId: me.teamId, detail: { list: 'due-for-you' } });
  const own: DueItem[] = actions.map((a) => ({
    group: 'MDT actions',
    text: a.patient ? `${a.action} (${a.patient.givenName} ${a.patient.familyName})` : a.hidden ? 'An MDT action about a patient' : a.action,
    href: `/mdt/actions#action-${a.id}`,
    dueOn: a.dueOn,
    status: dueStatusOf({ dueOn: a.dueOn, today: o.today, soonDays: mdtActionSoonDays }),
  }));
  // The lead's summary of the team's (a count, naming nobody): the team's list is on the MDT page.
  if (!leadRoles.includes(me.role) || me.teamId === null) return own;
  const overdue = (await listActions(db, { teamId: me.teamId, openOnly: true })).filter((a) => dueStatusOf({ dueOn: a.dueOn, today: o.today }) === 'overdue');
  if (overdue.length === 0) return own;
  const n = overdue.length;
  return [...own, { group: 'MDT actions', text: n === 1 ? 'One of the team’s MDT actions is overdue' : `${n} of the team’s MDT actions are overdue`, href: '/mdt#team-actions', dueOn: overdue[0]!.dueOn, status: 'overdue' }];
};

const leadRoles: readonly string[] = ['clinical-lead', 'service-manager'];
