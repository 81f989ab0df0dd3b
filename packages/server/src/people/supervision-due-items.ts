// What supervision makes due on someone's home page: their own next session (once it is amber or red),
// their supervisees' sessions (for a supervisor), open actions they own, and for the clinical lead and
// service manager the team's overdue supervision in one line that leads to the team view. It names no
// patient, so there is nothing to audit; the team line names people only by a count.
import { dueStatusOf, formatDisplayDate, mayManageSupervision, supervisionDue } from '@homeward/clinical';
import type { DueItem, DueItemsProvider } from '../platform/due-items.ts';
import type { SupervisionStaff } from './supervision-types.ts';
import { findSupervisionStaff, listOpenActionsOwnedBy, listSuperviseeIds, listTeamStaff, readStandings } from './supervision-queries.ts';

const group = 'Supervision';

export const supervisionDueItems: DueItemsProvider = async (db, { actor, today }) => {
  const me = actor.staff;
  const items: DueItem[] = [];
  const myself = await findSupervisionStaff(db, me.staffId);
  if (myself) {
    const [own] = await readStandings(db, [myself], today);
    const due = supervisionDue({ role: myself.role, lastHeldOn: own?.lastHeldOn ?? null, today });
    if (own && due && due.status !== 'in-date') {
      items.push({ group, text: own.lastHeldOn === null ? 'You have no supervision on record: book a session with your supervisor' : `Your next supervision (last ${formatDisplayDate(own.lastHeldOn)})`, href: '/supervision', dueOn: own.lastHeldOn === null ? null : due.dueOn, status: due.status });
    }
  }
  const superviseeIds = await listSuperviseeIds(db, me.staffId, today);
  if (superviseeIds.length) {
    const people = (await Promise.all(superviseeIds.map((id) => findSupervisionStaff(db, id)))).filter((p): p is SupervisionStaff => p !== null && p.active);
    for (const s of await readStandings(db, people, today)) {
      if (s.status === null || s.status === 'in-date') continue;
      items.push({ group, text: `Supervision for ${s.staff.name}`, href: `/supervision/people/${s.staff.id}`, dueOn: s.dueOn, status: s.status });
    }
  }
  for (const a of await listOpenActionsOwnedBy(db, me.staffId)) {
    items.push({ group, text: `Supervision action: ${a.action}`, href: `/supervision/sessions/${a.sessionId}#action-${a.id}`, dueOn: a.dueOn, status: dueStatusOf({ dueOn: a.dueOn, today, soonDays: 14 }) });
  }
  if (mayManageSupervision(me.role) && me.teamId) {
    const standings = await readStandings(db, (await listTeamStaff(db, me.teamId)).filter((p) => p.id !== me.staffId), today);
    const overdue = standings.filter((s) => s.status === 'overdue').length;
    const soon = standings.filter((s) => s.status === 'due-soon').length;
    if (overdue + soon > 0) {
      items.push({ group, text: `The team’s supervision: ${overdue} overdue, ${soon} due soon`, href: '/supervision/team', dueOn: null, status: overdue > 0 ? 'overdue' : 'due-soon' });
    }
  }
  return items;
};
