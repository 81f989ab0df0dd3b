// The home page's "Due for you" from the MDT: each open action the person owns, red/amber/green by its
// due date. An action about a patient names them, so it is audited as a read of that patient; an owner
// who no longer sees the team's patients (a changed role or team) is told only that an action is open.
import { dueStatusOf, hasTeamWideAccess } from '@homeward/clinical';
import { auditAs } from '../platform/actor.ts';
import type { DueItem, DueItemsProvider } from '../platform/due-items.ts';
import { listActions } from './mdt-queries.ts';

/** Amber a week before: an MDT action is usually a call or a referral, not a month's work. */
export const mdtActionSoonDays = 7;

export const mdtDueItems: DueItemsProvider = async (db, o) => {
  const me = o.actor.staff;
  const actions = await listActions(db, { ownerId: me.staffId, openOnly: true });
  const mayName = hasTeamWideAccess(me.role) && me.teamId !== null;
  const named = mayName ? actions.filter((a) => a.patient) : [];
  for (const a of named) await auditAs(o.actor, db, { action: 'read', outcome: 'allowed', patientId: a.patient!.id, recordKind: 'mdt-action', recordId: a.id, detail: { list: 'due-for-you' } });
  const own: DueItem[] = actions.map((a) => ({
    group: 'MDT actions',
    text: a.patient ? (mayName ? `${a.action} (${a.patient.givenName} ${a.patient.familyName})` : 'An MDT action about a patient') : a.action,
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
