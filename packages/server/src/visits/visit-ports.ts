// What the visits context offers others to plug into, without importing them (they come later in the
// dependency order): app.ts passes each as an option of the visits plugin, as it gives the record its
// contactNoteFromVisit. Lone working (issue 14) plugs into both.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Actor } from '../platform/actor.ts';

/**
 * Told of each publication of a day's plan, in the publication's own transaction, so what follows from
 * it (the day's lone-working sessions) is never lost to a crash between the two.
 */
export type PlanPublishedPort = (trx: Kysely<Database>, e: { teamId: string; date: string; publicationId: string; now: Date; publishedBy: string }) => Promise<void>;

/** One visit's check-in and check-out as the run sheet shows it: its state and the one tap to make next. */
export type RunSheetCheck = {
  /** "Expected", "Checked in at 10:02", "Checked out at 10:50", "Not needed: ..." */
  statusText: string;
  checkedIn: boolean;
  /** The clinician's own page for this visit's session, once there is one. */
  sessionHref: string | null;
  /** The form to post for the next tap, or null when there is none to make. */
  action: { href: string; text: string; asksForCode: boolean } | null;
};

/** The checks of the visits on a run sheet (home visits only), for the clinician whose day it is, and the way to the rest (amber, red, a visit started by hand). */
export type RunSheetChecksPort = (db: Kysely<Database>, o: { actor: Actor; staffId: string; date: string; own: boolean; visitIds: string[] }) => Promise<{ checks: Map<string, RunSheetCheck>; link: { href: string; text: string } | null }>;

/**
 * Told, in the same transaction, when a visit is called off after it was planned (cancelled, or no
 * access recorded): a lone-working session still expected for it must not raise a missed check-in.
 */
export type VisitCalledOffPort = (trx: Kysely<Database>, e: { actor: Actor; visitId: string; reason: string }) => Promise<void>;

export type VisitsContextOptions = { planPublished?: PlanPublishedPort; runSheetChecks?: RunSheetChecksPort; visitCalledOff?: VisitCalledOffPort };
