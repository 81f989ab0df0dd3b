// What the discharge page shows of the patient's equipment on loan, from the equipment context, which
// comes later in the order (ARCHITECTURE.md): app.ts passes its functions in, so the record never
// imports equipment. Each item with the decision taken at discharge (stays with the patient, to
// collect, transferred to social care) and where the decisions are made.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AccessGrant } from '../access/public.ts';

export type EquipmentAtDischargeItem = {
  loanId: string;
  /** "Mobile hoist, serial MM-001" or "Perching stool (2)". */
  description: string;
  statusText: string;
  /** The decision in words, or null while none is taken. */
  decisionText: string | null;
  /** A collection's booked day (yyyy-mm-dd), when it is to be collected. */
  collectionDate: string | null;
  /** Prescribed and not yet delivered (listed only when asked for). */
  prescribed: boolean;
};

/**
 * What blocks the discharge: an item on loan in the episode with no decision yet ('decision'), or one
 * prescribed and never delivered ('delivery': delivered first, or its prescription cancelled, else it
 * would stay prescribed, and its item held for it, after the team's care has ended).
 */
export type UndecidedEquipmentItem = { loanId: string; description: string; outstanding: 'decision' | 'delivery' };

export type EquipmentAtDischargePort = {
  /**
   * The episode's equipment with the patient, decided or not, and with `withPrescribed` its prescriptions
   * not yet delivered too (`prescribed: true`); read under the page's own grant and audited by the port as
   * one read of the loans it names.
   */
  list(db: Kysely<Database>, o: { grant: AccessGrant; episodeId: string; page?: 'discharge-summary' | 'discharge'; withPrescribed?: boolean }): Promise<EquipmentAtDischargeItem[]>;
  /**
   * The episode's items still on loan with no decision taken (stays with the patient, to collect,
   * transferred), and its prescriptions not yet delivered: an episode is not discharged while any is.
   * Called inside the discharge's own write transaction, so it reads what that transaction sees; not
   * audited (nothing is shown but the refusal).
   */
  undecided(trx: Kysely<Database>, o: { patientId: string; episodeId: string }): Promise<UndecidedEquipmentItem[]>;
  /** The page where each decision is made. */
  decideHref(episodeId: string): string;
  /** The episode's equipment page, where a prescription is delivered or cancelled. */
  equipmentHref(episodeId: string): string;
};
