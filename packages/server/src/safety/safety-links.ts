// What the safety page offers this person. Each part adds its own lines to the list it owns.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { safeguardingLinksFor } from './safeguarding-links.ts';

export type SafetyLink = { href: string; text: string; description: string };

export async function safetyLinksFor(db: Kysely<Database>, o: { actor: Actor }): Promise<{ incidents: SafetyLink[]; safeguarding: SafetyLink[]; risks: SafetyLink[] }> {
  // incidents part: report an incident (everyone), my reports (everyone), the team's incidents (handlers), LFPSE export (handlers)
  const incidents: SafetyLink[] = [];
  // safeguarding part: concerns I may see (lead, raisers, named people), designations (service manager, administrator)
  const safeguarding = await safeguardingLinksFor(db, o);
  // risk part: the register, the heat map, add a risk
  const risks: SafetyLink[] = [];
  return { incidents, safeguarding, risks };
}
