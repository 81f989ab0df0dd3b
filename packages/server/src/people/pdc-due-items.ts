// The home page's PDC items: one's own next PDC review (none yet: due now), open objectives whose review
// date is near or past, and a PDC waiting for one's confirmation (as the member of staff or the manager).
import { dueStatusOf, type HomewardRole } from '@homeward/clinical';
import type { DueItem, DueItemsProvider } from '../platform/due-items.ts';
import { listOpenPdcItemsWithReview, listPdcs } from './pdc-queries.ts';

/** Whose PDC is held within the team (by its clinical lead, or the lead's by the service manager). */
export const pdcRoles: readonly HomewardRole[] = ['support-worker', 'assistant-practitioner', 'registered-therapist', 'clinical-lead'];

export const pdcDueItems: DueItemsProvider = async (db, { actor, today }) => {
  // Administrators, privacy officers, students and the service manager have their appraisal outside the team's.
  if (actor.staff.teamId === null || !pdcRoles.includes(actor.staff.role)) return [];
  const me = actor.staff.staffId;
  const items: DueItem[] = [];
  const mine = await listPdcs(db, [me]);
  const latest = mine[0];
  if (!latest) {
    items.push({ group: 'PDC', text: 'No PDC (appraisal) recorded for you yet: ask your manager', href: '/pdc', dueOn: null, status: 'overdue' });
  } else {
    const status = dueStatusOf({ dueOn: latest.nextReviewOn, today });
    if (status !== 'in-date') items.push({ group: 'PDC', text: 'Your PDC review', href: `/pdc/${latest.id}`, dueOn: latest.nextReviewOn, status });
    if (!latest.staffConfirmed && latest.status === 'draft') items.push({ group: 'PDC', text: 'Confirm your PDC', href: `/pdc/${latest.id}`, dueOn: null, status: 'due-soon' });
    for (const item of await listOpenPdcItemsWithReview(db, [latest.id])) {
      const s = dueStatusOf({ dueOn: item.reviewOn, today });
      if (s !== 'in-date') items.push({ group: 'PDC', text: `Review your objective: ${item.text.length > 80 ? `${item.text.slice(0, 77)}...` : item.text}`, href: `/pdc/${latest.id}`, dueOn: item.reviewOn, status: s });
    }
  }
  // PDCs this manager holds that wait for their confirmation (only the latest of each person counts).
  const held = await db.selectFrom('pdc_records').select(['id', 'staff_id', 'held_on']).where('manager_id', '=', me).where('status', '=', 'draft').where('manager_confirmed_at', 'is', null).execute();
  for (const p of held) {
    const latestOfPerson = await listPdcs(db, [p.staff_id]);
    if (latestOfPerson[0]?.id === p.id) items.push({ group: 'PDC', text: 'A PDC you held waits for your confirmation', href: `/pdc/${p.id}`, dueOn: null, status: 'due-soon' });
  }
  return items;
};
