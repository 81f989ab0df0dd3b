// The home page's training items: each required course of one's own that has expired, was never done, or
// expires within 28 days; and, for the team's lead and service manager, one line for the team.
import { mayManageTraining, worstDueStatus } from '@homeward/clinical';
import type { DueItem, DueItemsProvider } from '../platform/due-items.ts';
import { findStaffMember } from './training-access.ts';
import { readPersonTraining, readTeamTraining } from './training-queries.ts';

export const trainingDueItems: DueItemsProvider = async (db, { actor, today }) => {
  const me = await findStaffMember(db, actor.staff.staffId);
  if (!me) return [];
  const items: DueItem[] = [];
  const { standing } = await readPersonTraining(db, { person: me, today });
  for (const c of standing.courses) {
    if (c.status === 'in-date') continue;
    const text = c.state === 'never-done' ? `${c.courseName}: never done` : c.state === 'expired' ? `${c.courseName}: expired` : `${c.courseName}: expires soon`;
    items.push({ group: 'Training', text, href: '/training', dueOn: c.dueOn, status: c.status });
  }
  if (mayManageTraining(actor.staff.role) && actor.staff.teamId) {
    const team = await readTeamTraining(db, { teamId: actor.staff.teamId, today });
    const worst = team.map((p) => worstDueStatus(p.courses.map((c) => c.status)));
    const overdue = worst.filter((w) => w === 'overdue').length;
    const soon = worst.filter((w) => w === 'due-soon').length;
    if (overdue || soon) {
      items.push({
        group: 'Training',
        text: `Team: ${overdue} ${overdue === 1 ? 'person has' : 'people have'} training expired or never done${soon ? `, ${soon} due soon` : ''}`,
        href: '/training/team', dueOn: null, status: overdue ? 'overdue' : 'due-soon',
      });
    }
  }
  return items;
};
