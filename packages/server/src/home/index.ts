import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { isClinicalRole, mayReviewNote, mayReviewNotes, serviceLabels } from '@homeward/clinical';
import { redirectSeeOther } from '../platform/request-context.ts';
import { listUnallocatedForLead } from './list-unallocated-for-lead.ts';

/** The home page: what each role starts from. */
export const homeContext = fp(async (app: FastifyInstance) => {
  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const principal = request.principal;
    if (!principal) return redirectSeeOther(reply, '/sign-in');
    const reviews = mayReviewNotes(principal.role) ? { students: mayReviewNote({ reviewer: principal.role, author: 'student' }) } : null;
    // The team lead starts the day from what nobody holds yet.
    const unallocated = await listUnallocatedForLead(request);
    return reply.page('home/pages/home.njk', { title: 'Home', clinical: isClinicalRole(principal.role), reviews, unallocated, serviceLabels });
  });
}, { name: 'home' });
