// The patient page as the hub of a patient's care: each episode (open and closed, any team's) with its
// status and the ways into it that the clinician may take, the referrals waiting for triage, and the
// latest letters. What each link opens is decided by the same rule that guards the page it leads to
// (decidePatientAccess with the episode), so the hub never offers a page that would refuse, and says
// plainly when another team's record needs emergency access.
import type { Kysely } from 'kysely';
import { decidePatientAccess, dischargeOutcomeLabels, serviceLabels, settingLabels } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import type { ReadGrant } from '../access/public.ts';
import { listPatientEpisodes, listPatientIncomingReferrals, listPatientLetters, type PatientEpisodeRow } from './patient-hub-queries.ts';

const letterKindLabels = { 'discharge-patient': 'Letter to the patient', 'discharge-gp': 'Copy to the GP', 'carer-programme': 'Programme for carers' } as const;

export type PatientHubEpisode = PatientEpisodeRow & {
  serviceLabel: string;
  settingLabel: string;
  outcomeLabel: string | null;
  ownTeam: boolean;
  /** The clinical record and timeline open (own team's, or under the clinician's break-glass). */
  opensRecord: boolean;
};

export type PatientHub = {
  episodes: PatientHubEpisode[];
  /** Referrals waiting for triage; `opens` when the clinician may open the referral itself. */
  referrals: Array<{ id: string; teamName: string; serviceLabel: string; receivedAt: string; ownTeam: boolean; opens: boolean }>;
  letters: Array<{ id: string; episodeId: string; kindLabel: string; recipient: string; producedAt: string; pdfHref: string; serviceLabel: string }>;
  /** For the audit of the page read: which episodes, referrals and letters it showed. */
  shown: { episodeIds: string[]; referralIds: string[]; letterIds: string[] };
};

/** The hub of the granted patient's care. The caller audits the read with `shown` (readPatient). */
export async function loadPatientHub(db: Kysely<Database>, o: { grant: ReadGrant }): Promise<PatientHub> {
  const principal = o.grant.staff;
  // The facts the grant was decided on, read in the same request: not read again.
  const facts = o.grant.facts;
  const [episodes, referrals, letters] = await Promise.all([
    listPatientEpisodes(db, o.grant),
    listPatientIncomingReferrals(db, o.grant),
    listPatientLetters(db, o.grant),
  ]);
  const may = (ownTeam: boolean, recordKind: string) =>
    decidePatientAccess({
      role: principal.role,
      action: 'read',
      hasRelationship: facts?.hasRelationship ?? false,
      hasActiveBreakGlass: (facts?.breakGlass ?? null) !== null,
      episode: { ownTeam, recordKind },
    });
  const opens = (ownTeam: boolean, recordKind: string) => {
    const d = may(ownTeam, recordKind);
    return d.allowed && d.scope === 'full';
  };
  const serviceOf = (s: string) => serviceLabels[s as keyof typeof serviceLabels] ?? s;
  const episodeService = new Map(episodes.map((e) => [e.id, serviceOf(e.service)]));
  // A letter is part of what another team may see in summary; one that would still refuse is left out.
  const shownLetters = letters.filter((l) => may(l.teamId === principal.teamId, 'letter').allowed);
  return {
    episodes: episodes.map((e) => ({
      ...e,
      serviceLabel: serviceOf(e.service),
      settingLabel: settingLabels[e.setting as keyof typeof settingLabels] ?? e.setting,
      outcomeLabel: e.dischargeOutcome ? (dischargeOutcomeLabels[e.dischargeOutcome as keyof typeof dischargeOutcomeLabels] ?? e.dischargeOutcome) : null,
      ownTeam: e.teamId === principal.teamId,
      opensRecord: opens(e.teamId === principal.teamId, 'contact-note'),
    })),
    referrals: referrals.map((r) => ({
      id: r.id,
      teamName: r.teamName,
      serviceLabel: serviceOf(r.service),
      receivedAt: r.receivedAt,
      ownTeam: r.teamId === principal.teamId,
      opens: opens(r.teamId === principal.teamId, 'referral'),
    })),
    letters: shownLetters.map((l) => ({
      id: l.id,
      episodeId: l.episodeId,
      kindLabel: letterKindLabels[l.kind],
      recipient: l.recipient,
      producedAt: l.producedAt,
      pdfHref: `/letters/${l.id}.pdf`,
      serviceLabel: episodeService.get(l.episodeId) ?? '',
    })),
    shown: { episodeIds: episodes.map((e) => e.id), referralIds: referrals.map((r) => r.id), letterIds: shownLetters.map((l) => l.id) },
  };
}
