// Writes the recently discharged demo episodes' discharge summaries and letters with the app's own
// code, so the demo shows what Homeward would have made: the facts read from the record
// (dischargeFactsOfEpisode), the draft drafted from them (draftDischargeSummary), finalised when the app
// would allow it, and the patient's and GP's letters built and printed as produceDischargeLetter
// builds them (buildDischargeLetter, renderPdfDocument). When and by whom comes from the plan.
import type { Kysely } from 'kysely';
import { checkDischargeSummaryForFinal, draftDischargeSummary, homewardRoleLabels, type LetterPrintSize } from '@homeward/clinical';
import { findEpisode } from '../caseload/public.ts';
import type { Database } from '../db/schema.ts';
import { findPatient } from '../patients/public.ts';
import type { PatientResponse } from '../patients/public.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import type { DischargeSummaryResponse } from '../record/public.ts';
import { dischargeFactsOfEpisode } from '../record/public.ts';
import { findDischargeSummaryWhere } from '../record/public.ts';
import { buildDischargeLetter, checkLetterRequest, type LetterRecipient } from '../record/public.ts';
import { storeLetter } from '../record/public.ts';
import type { DemoDischargePlan } from './generate-demo-discharges.ts';

export type SeedDemoDischargesOptions = { now: Date; plans: readonly DemoDischargePlan[] };

export type SeededDischarges = {
  /** Final summaries written. */
  summaries: number;
  /** Summaries the app would not let be finalised as drafted (left as drafts, without letters). */
  drafts: number;
  letters: number;
  /** Letters the app would refuse (no address, no GP practice), with its reason. */
  notProduced: string[];
};

/** The app's reason for refusing this letter (checkLetterRequest), or null when it can be produced. */
function refusal(summary: DischargeSummaryResponse, patient: PatientResponse | null, recipient: LetterRecipient): string | null {
  try {
    checkLetterRequest({ summary, patient, recipient });
    return null;
  } catch (error) {
    if (error instanceof HomewardError) return error.message;
    throw error;
  }
}

export async function seedDemoDischarges(db: Kysely<Database>, o: SeedDemoDischargesOptions): Promise<SeededDischarges> {
  const out: SeededDischarges = { summaries: 0, drafts: 0, letters: 0, notProduced: [] };
  for (const plan of o.plans) {
    if (await findDischargeSummaryWhere(db, { episodeId: plan.episodeId })) continue;
    const episode = await findEpisode(db, plan.episodeId, o.now);
    if (!episode || episode.status !== 'discharged') continue;
    const content = draftDischargeSummary(await dischargeFactsOfEpisode(db, { episode, now: plan.draftedAt }));
    // The app finalises only a summary with the required sections written and no shorthand in the patient's wording.
    const final = checkDischargeSummaryForFinal(content).length === 0;
    await db
      .insertInto('discharge_summaries')
      .values({
        id: plan.summaryId,
        episode_id: episode.id,
        patient_id: episode.patientId,
        status: final ? 'final' : 'draft',
        content: JSON.stringify(content),
        // Drafted (version 1), then finalised (version 2), as the app writes it.
        version: final ? 2 : 1,
        created_at: plan.draftedAt,
        created_by: plan.by.id,
        updated_at: final ? plan.finalisedAt : plan.draftedAt,
        updated_by: plan.by.id,
        finalised_at: final ? plan.finalisedAt : null,
        finalised_by: final ? plan.by.id : null,
      })
      .execute();
    if (!final) {
      out.drafts += 1;
      continue;
    }
    out.summaries += 1;
    const summary = (await findDischargeSummaryWhere(db, { id: plan.summaryId }))!;
    const patient = await findPatient(db, episode.patientId);
    const team = await db.selectFrom('teams').select(['name', 'phone']).where('id', '=', episode.teamId).executeTakeFirstOrThrow();
    let patientPrintSize: LetterPrintSize | null = null;
    for (const l of plan.letters) {
      const refused = refusal(summary, patient, l.recipient);
      if (refused) {
        out.notProduced.push(refused);
        continue;
      }
      const letter = buildDischargeLetter({
        recipient: l.recipient,
        content,
        patient: patient!,
        episode,
        team,
        on: plan.dischargedOn,
        author: { name: plan.by.name, roleLabel: homewardRoleLabels[plan.by.role] },
        patientPrintSize,
      });
      await storeLetter(db, {
        id: l.id,
        episode,
        kind: letter.kind,
        recipient: letter.recipient,
        document: letter.document,
        source: { id: summary.id, version: summary.version },
        alternativeFormats: letter.alternativeFormatsNeeded,
        producedAt: l.producedAt,
        producedBy: { id: plan.by.id, role: plan.by.role },
      });
      if (letter.kind === 'discharge-patient') patientPrintSize = letter.printSize;
      out.letters += 1;
    }
  }
  return out;
}
