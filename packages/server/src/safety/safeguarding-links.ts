// The safeguarding lines of the safety page: concerns (for a lead, every one; for a clinician, those they
// raised or were named on, offered only when there are some), and the designations for those who keep them.
import type { Kysely } from 'kysely';
import { isClinicalRole } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { actorIsSafeguardingLead, mayDesignate } from './safeguarding-access.ts';

/** One line of the safety page (safety-links.ts's SafetyLink, said again here so the two files do not import each other). */
type SafetyLink = { href: string; text: string; description: string };

export async function safeguardingLinksFor(db: Kysely<Database>, o: { actor: Actor }): Promise<SafetyLink[]> {
  const links: SafetyLink[] = [];
  const me = o.actor.staff;
  if (isClinicalRole(me.role)) {
    if (await actorIsSafeguardingLead(db, o.actor)) {
      links.push({ href: '/safety/safeguarding', text: 'Safeguarding concerns', description: 'You are a safeguarding lead: every open concern by its 24-hour decision clock.' });
    } else {
      links.push({ href: '/safety/safeguarding', text: 'Safeguarding concerns you raised or were named on', description: 'To raise a concern, open the patient’s episode and choose “Raise a safeguarding concern”.' });
    }
  }
  if (mayDesignate(me.role)) links.push({ href: '/safety/designations', text: 'Safeguarding leads', description: 'Name who the safeguarding leads are, and end a designation.' });
  return links;
}
