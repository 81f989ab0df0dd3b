// The home page's items from incidents (issue 17 #1): an outcome the reporter has not yet read (closing
// the loop is the point: it stays until they open it), open incident actions the person owns, and for a
// handler the team's reports waiting for triage (a count; no patient is named on the home page).
import { dueStatusOf, mayHandleIncidents, ukDateOf } from '@homeward/clinical';
import type { DueItem, DueItemsProvider } from '../platform/due-items.ts';
import { handlesTeam } from './incident-access.ts';
import { listIncidentActions, listTeamIncidents, listUnseenOutcomes } from './incident-queries.ts';

/** Amber a week before an action's due date. */
export const incidentActionSoonDays = 7;

export const incidentDueItems: DueItemsProvider = async (db, o) => {
  const me = o.actor.staff;
  const items: DueItem[] = [];
  for (const outcome of await listUnseenOutcomes(db, me.staffId)) {
    items.push({ group: 'Incident reports', text: `The outcome of your report ${outcome.reference} is ready to read`, href: `/safety/incidents/${outcome.id}`, dueOn: null, status: 'in-date' });
  }
  for (const a of await listIncidentActions(db, { ownerId: me.staffId, openOnly: true })) {
    items.push({ group: 'Incident actions', text: `${a.action} (from ${a.incidentReference})`, href: `/safety/incidents/actions#action-${a.id}`, dueOn: a.dueOn, status: dueStatusOf({ dueOn: a.dueOn, today: o.today, soonDays: incidentActionSoonDays }) });
  }
  if (mayHandleIncidents(me.role) && handlesTeam(o.actor, me.teamId)) {
    const waiting = await listTeamIncidents(db, { teamId: me.teamId, withNoTeam: me.role === 'service-manager', status: 'reported' });
    if (waiting.length) {
      const n = waiting.length;
      items.push({ group: 'Incident reports', text: n === 1 ? 'One incident report is waiting for triage' : `${n} incident reports are waiting for triage`, href: '/safety/incidents', dueOn: ukDateOf(waiting[waiting.length - 1]!.createdAt), status: 'due-soon' });
    }
  }
  return items;
};
