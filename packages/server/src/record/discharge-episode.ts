// Discharge: the episode ends with its outcome, the patient's destination and the date. Without an
// outcome Homeward refuses and nothing changes: the outcome is what the service is judged by. Nor while
// equipment is on loan with nobody having decided what happens to it (a hoist or a bed left in the
// home with no one responsible): each item is decided first (stays with the patient, to collect,
// transferred to social care), on the page the equipment port names.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { HomewardError, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { changeEpisode } from '../caseload/public.ts';
import {
  clinicalDateProblem,
  dischargeDestinationLabels,
  dischargeDestinationsFor,
  dischargeOutcomes,
  type DischargeDestination,
  type ActivityAtDischargeChoice,
  type DischargeOutcome,
} from '@homeward/clinical';
import { endProgrammeAtDischarge, planProgrammeAtDischarge } from './end-programme-at-discharge.ts';
import { episodeDateFacts } from '../caseload/public.ts';
import type { EpisodeResponse } from '../caseload/public.ts';
import type { EpisodeAccess } from '../caseload/public.ts';
import type { EquipmentAtDischargePort, UndecidedEquipmentItem } from './equipment-at-discharge-port.ts';

export type DischargeInput = { outcome: string | null; destination: string | null; dischargedOn: string | null; note: string | null };
export type Discharge = { outcome: DischargeOutcome; destination: DischargeDestination; dischargedOn: string; note: string | null };

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a discharge; dischargedOn is yyyy-mm-dd (pages turn day/month/year fields into it first). */
export function checkDischarge(episode: EpisodeResponse, input: DischargeInput, now: Date): { ok: true; discharge: Discharge } | { ok: false; fields: FieldError[] } {
  if (episode.status === 'discharged') return { ok: false, fields: [{ path: 'outcome', message: 'This episode has already been discharged' }] };
  const fields: FieldError[] = [];
  const outcome = dischargeOutcomes.find((o) => o === input.outcome) ?? null;
  if (outcome === null) fields.push({ path: 'outcome', message: 'Select the outcome of the episode. An episode cannot be discharged without one' });
  const allowed = outcome ? dischargeDestinationsFor(outcome) : null;
  const destination = allowed?.find((d) => d === input.destination) ?? null;
  if (!input.destination) fields.push({ path: 'destination', message: 'Select where the patient went at discharge' });
  else if (allowed && destination === null) {
    fields.push({ path: 'destination', message: `For this outcome, the destination must be ${allowed.map((d) => dischargeDestinationLabels[d].toLowerCase()).join(' or ')}` });
  }
  const on = input.dischargedOn ?? '';
  if (!on) fields.push({ path: 'dischargedOn', message: 'Enter the date of discharge' });
  else if (!isoDate.test(on) || Number.isNaN(Date.parse(`${on}T00:00:00Z`)) || new Date(`${on}T00:00:00Z`).toISOString().slice(0, 10) !== on) {
    fields.push({ path: 'dischargedOn', message: 'Date of discharge must be a real date' });
  } else {
    // From the first contact (or the referral, for a patient discharged before being seen) to today.
    const when = clinicalDateProblem('discharge', on, episodeDateFacts(episode, now));
    if (when) fields.push({ path: 'dischargedOn', message: when });
  }
  if (fields.length || !outcome || !destination) return { ok: false, fields };
  return { ok: true, discharge: { outcome, destination, dischargedOn: on, note: input.note || null } };
}

export type DischargeEpisodeOptions = {
  access: EpisodeAccess<'write'>;
  input: DischargeInput;
  /** What happens to each active programme activity; one not named is ended (programme-at-discharge.ts). */
  programme?: readonly ActivityAtDischargeChoice[];
  /** The version the writer read. */
  version: number;
  /** The equipment context's port (app.ts): which items on loan still need a decision. */
  equipment: Pick<EquipmentAtDischargePort, 'undecided'>;
};

/** The path of an undecided item's problem: one per loan, so a client can tell which. */
export const undecidedEquipmentPath = (loanId: string) => `equipment.${loanId}`;
const undecidedEquipmentPathPrefix = 'equipment.';
/** The loan an undecided item's problem names, or null for any other field. */
export const loanIdOfPath = (path: string) => (path.startsWith(undecidedEquipmentPathPrefix) ? path.slice(undecidedEquipmentPathPrefix.length) : null);

export function undecidedEquipmentFields(items: readonly UndecidedEquipmentItem[]): FieldError[] {
  return items.map((i) => ({
    path: undecidedEquipmentPath(i.loanId),
    message: i.outstanding === 'delivery' ? `The ${i.description} is prescribed but not delivered: deliver it or cancel the prescription before discharge` : `Decide what happens to the ${i.description} before discharge`,
  }));
}

/**
 * Equipment still undecided is a state of the record, not bad input: a 409 naming each item (the
 * codebase's conflict code for a record not in a state that allows the change), nothing changed.
 */
function equipmentUndecided(fields: FieldError[], items: readonly UndecidedEquipmentItem[]): HomewardError {
  const message =
    fields.length === 1
      ? fields[0]!.message
      : items.every((i) => i.outstanding === 'decision')
        ? `Decide what happens to each of the ${fields.length} items of equipment on loan before discharge`
        : `Settle each of the ${fields.length} items of equipment before discharge: a decision for each on loan, a delivery or cancellation for each prescribed`;
  return new HomewardError('version_conflict', message, { fields });
}

export async function dischargeEpisode(trx: Kysely<Database>, o: DischargeEpisodeOptions): Promise<EpisodeResponse> {
  const { episode, grant } = o.access;
  const checked = checkDischarge(episode, o.input, grant.actor.now);
  const open = episode.status !== 'discharged';
  // The episode's row is held from here to the commit, and a delivery takes it too before it writes
  // (deliver-equipment.ts): a loan delivered at the same moment is either seen below or refused there.
  if (open) await trx.selectFrom('episodes').select('id').where('id', '=', episode.id).forUpdate().executeTakeFirst();
  // Every problem at once: the discharge's own, the programme's and the equipment's.
  const programme = open ? await planProgrammeAtDischarge(trx, { episodeId: episode.id, choices: o.programme ?? [] }) : ({ ok: true, decisions: [] } as const);
  const outstanding = open ? await o.equipment.undecided(trx, { patientId: episode.patientId, episodeId: episode.id }) : [];
  const equipment = undecidedEquipmentFields(outstanding);
  if (!checked.ok || !programme.ok) throw validationFailed([...(checked.ok ? [] : checked.fields), ...(programme.ok ? [] : programme.fields), ...equipment]);
  if (equipment.length) throw equipmentUndecided(equipment, outstanding);
  const d = checked.discharge;
  // The team's care ends: nothing it set keeps running after discharge.
  await endProgrammeAtDischarge(trx, { grant, episodeId: episode.id, decisions: programme.decisions });
  const programmeDetail = programme.decisions.length
    ? { programme: programme.decisions.map((p) => (p.ending === 'end' ? { activityId: p.activityId, ending: 'end' } : { activityId: p.activityId, ending: 'hand-over', to: p.receiverKind })) }
    : {};
  return changeEpisode(trx, {
    grant,
    episodeId: episode.id,
    version: o.version,
    set: { status: 'discharged', hold_reason: null, discharged_on: d.dischargedOn, discharge_outcome: d.outcome, discharge_destination: d.destination, discharge_note: d.note },
    event: { kind: 'discharged', reason: d.outcome, detail: { from: episode.status, destination: d.destination, dischargedOn: d.dischargedOn, ...(d.note ? { note: d.note } : {}), ...programmeDetail } },
  });
}
