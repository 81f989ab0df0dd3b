// What the safety page offers this person. Each part adds its own lines to the list it owns.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';
import { safeguardingLinksFor } from './safeguarding-links.ts';
import { isClinicalRole, mayHandleIncidents, mayReportIncidents } from '@homeward/clinical';

export type SafetyLink = { href: string; text: string; description: string };

export async function safetyLinksFor(db: Kysely<Database>, o: { actor: Actor }): Promise<{ incidents: SafetyLink[]; safeguarding: SafetyLink[]; risks: SafetyLink[] }> {
  // incidents part: report an incident (everyone), my reports (everyone), the team's incidents (handlers), LFPSE export (handlers)
  const incidents: SafetyLink[] = [];
  const role = o.actor.staff.role;
  if (mayReportIncidents(role)) {
    incidents.push({ href: '/safety/incidents/new', text: 'Report an incident or near miss', description: 'One short page. You can stay anonymous to colleagues.' });
    incidents.push({ href: '/safety/incidents/mine', text: 'My reports', description: 'What you reported, and what was found and changed.' });
    incidents.push({ href: '/safety/incidents/actions', text: 'My incident actions', description: 'Actions from incident learning that you own.' });
  }
  if (mayHandleIncidents(role)) {
    incidents.push({ href: '/safety/incidents', text: 'The team’s incidents', description: 'Triage, investigate, record the learning and close the loop with the reporter.' });
    incidents.push({ href: '/safety/incidents/lfpse.csv', text: 'Export for LFPSE (CSV)', description: 'The team’s incidents with the national service’s field names.' });
  }
  // safeguarding part: concerns I may see (lead, raisers, named people), designations (service manager, administrator)
  const safeguarding = await safeguardingLinksFor(db, o);
  // risk part: the register, the heat map, add a risk
  const risks: SafetyLink[] = isClinicalRole(o.actor.staff.role)
    ? [
      { href: '/safety/risks', text: 'Risk register', description: 'The service’s risks as a table and as the 5x5 heat map; reviews overdue in red.' },
      { href: '/safety/risks/new', text: 'Add a risk', description: 'Cause, effect, owner, controls, the score now and the target.' },
    ]
    : [];
  return { incidents, safeguarding, risks };
}
