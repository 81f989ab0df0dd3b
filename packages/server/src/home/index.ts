import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { isClinicalRole, mayDeliverActivities, mayReviewNote, mayReviewNotes, serviceLabels, ukDateOf } from '@homeward/clinical';
import { countDelegatedWork } from '../record/public.ts';
import { redirectSeeOther } from '../platform/request-context.ts';
import { actorOf } from '../platform/actor.ts';
import { listUnallocatedForLead } from './list-unallocated-for-lead.ts';
import type { DueItem, DueItemsProvider } from '../platform/due-items.ts';
import { dueStatuses, dueStatusTags } from '@homeward/clinical';

export type HomeContextOptions = {
  /** What is due for the person, from each context that has something (supervision, training, MDT actions...): app.ts passes them. */
  dueItems?: readonly DueItemsProvider[];
};

/** The home page: what each role starts from. */
export const homeContext = fp(async (app: FastifyInstance, options: HomeContextOptions) => {
  const providers = options.dueItems ?? [];
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const principal = request.principal;
    if (!principal) return redirectSeeOther(reply, '/sign-in');
    const reviews = mayReviewNotes(principal.role) ? { students: mayReviewNote({ reviewer: principal.role, author: 'student' }) } : null;
    // The team lead starts the day from what nobody holds yet.
    const unallocated = await listUnallocatedForLead(app.db, { actor: actorOf(request) });
    // Support workers' work is what is delegated to them: always offered; to others who deliver
    // activities, once something is delegated to them. Only a count is read here, so nothing to audit.
    let delegatedWork: { description: string } | null = null;
    if (mayDeliverActivities(principal.role) && principal.teamId !== null) {
      const count = await countDelegatedWork(app.db, { staffId: principal.staffId, teamId: principal.teamId, today: ukDateOf(app.config.now()) });
      if (count > 0 || principal.role === 'support-worker') {
        delegatedWork = { description: count === 0 ? 'No programme activities are delegated to you at the moment.' : `${count} programme ${count === 1 ? 'activity' : 'activities'} delegated to you: what is overdue and due today, with one button to log each.` };
      }
    }
    // What is due, most urgent first: overdue, then due soon, each by date.
    const actor = actorOf(request);
    const today = ukDateOf(actor.now);
    const due: DueItem[] = (await Promise.all(providers.map((provide) => provide(app.db, { actor, today })))).flat();
    due.sort((a, b) => dueStatuses.indexOf(a.status) - dueStatuses.indexOf(b.status) || (a.dueOn ?? '').localeCompare(b.dueOn ?? ''));
    return reply.page('home/pages/home.njk', { title: 'Home', clinical: isClinicalRole(principal.role), reviews, delegatedWork, unallocated, serviceLabels, due, dueStatusTags });
  });
}, { name: 'home' });
