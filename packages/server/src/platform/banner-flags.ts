// Flags on the patient banner that another context owns (issue 17: "safeguarding concern open"): the
// banner shows that something exists without saying what, to everyone the page is already shown to.
// Each context gives app.ts a provider; app.ts hands the list to the pages plugin, so platform imports
// no context (as due-items.ts does for the home page).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export type BannerFlag = {
  /** The words on the red tag: 'Safeguarding concern open'. */
  text: string;
  /** What to do about it, beside the tag (no details of the concern itself). */
  hint?: string;
};

/** The flags for one patient. Called only for a page that shows that patient's banner (the reader already has access). */
export type BannerFlagsProvider = (db: Kysely<Database>, o: { patientId: string }) => Promise<BannerFlag[]>;
