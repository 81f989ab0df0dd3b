// What is due for one person, from every context that has something to say (supervision, training, CPD,
// the PDC review, MDT actions; later incident outcomes): the home page lists them without knowing any
// of those contexts. Each context gives app.ts a provider; app.ts passes the list to the home context
// (a port, as visits gets planPublished), so home imports none of them.
import type { Kysely } from 'kysely';
import type { DueStatus } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { Actor } from './actor.ts';

export type DueItem = {
  /** Which list it belongs to, in the person's words: 'Supervision', 'Training', 'CPD', 'PDC', 'MDT actions'. */
  group: string;
  /** What is due, in a sentence. */
  text: string;
  /** Where to act on it. */
  href: string;
  /** 'YYYY-MM-DD'; null when it has no date (never done). */
  dueOn: string | null;
  status: DueStatus;
};

/**
 * One context's items due for the actor (their own, and, for a lead, the team's summaries). A provider
 * reads only what its actor may see, and audits any patient it names, as every other read does.
 */
export type DueItemsProvider = (db: Kysely<Database>, o: { actor: Actor; today: string }) => Promise<DueItem[]>;
