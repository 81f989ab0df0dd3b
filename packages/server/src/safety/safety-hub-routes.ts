// The safety page (issue 17): one place for everyone to report an incident or near miss, and for each
// person the lists their duties give them (their own reports, the team's incidents for a handler,
// safeguarding concerns for the lead and the people named, the risk register). One header link, not five.
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../platform/actor.ts';
import { safetyLinksFor } from './safety-links.ts';

export async function safetyHubRoutes(app: FastifyInstance): Promise<void> {
  app.get('/safety', { schema: { hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    const links = await safetyLinksFor(app.db, { actor });
    return reply.page('safety/pages/safety.njk', { title: 'Safety', section: 'safety', links });
  });
}
