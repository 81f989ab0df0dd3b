// The facts access decisions rest on: does the clinician's team care for the patient, and has the
// clinician broken glass for them. "Cares for" means the patient has an open referral to the team
// (incoming or accepted), or an episode of care with the team that is not discharged, or was
// registered in the index by the team (so a team can record a patient it is about to refer).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal } from '../platform/principal.ts';

export type AccessFacts = {
  hasRelationship: boolean;
  breakGlass: { id: string; reason: string; detail: string | null; expiresAt: Date } | null;
};

export async function loadAccessFacts(
  db: Kysely<Database>,
  principal: Principal,
  patientIds: readonly string[],
  now: Date,
): Promise<Map<string, AccessFacts>> {
  const facts = new Map<string, AccessFacts>();
  if (patientIds.length === 0) return facts;
  for (const id of patientIds) facts.set(id, { hasRelationship: false, breakGlass: null });

  // One round trip: the relationship and the newest live break-glass for each patient.
  const rows = await db
    .selectFrom('patients')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('break_glass')
          .select(['break_glass.id', 'break_glass.reason', 'break_glass.detail', 'break_glass.expires_at'])
          .whereRef('break_glass.patient_id', '=', 'patients.id')
          .where('break_glass.staff_id', '=', principal.staffId)
          .where('break_glass.expires_at', '>', now)
          .orderBy('break_glass.expires_at', 'desc')
          .limit(1)
          .as('glass'),
      (join) => join.onTrue(),
    )
    .select((eb) => [
      'patients.id as patient_id',
      'patients.registered_team_id',
      'glass.id as glass_id',
      'glass.reason',
      'glass.detail',
      'glass.expires_at',
      eb
        .or([
          eb.exists(
            eb
              .selectFrom('referrals')
              .select('referrals.id')
              .whereRef('referrals.patient_id', '=', 'patients.id')
              .where('referrals.team_id', '=', principal.teamId ?? '00000000-0000-0000-0000-000000000000')
              .where('referrals.status', 'in', ['incoming', 'accepted']),
          ),
          eb.exists(
            eb
              .selectFrom('episodes')
              .select('episodes.id')
              .whereRef('episodes.patient_id', '=', 'patients.id')
              .where('episodes.team_id', '=', principal.teamId ?? '00000000-0000-0000-0000-000000000000')
              .where('episodes.status', '<>', 'discharged'),
          ),
        ])
        .as('in_care'),
    ])
    .where('patients.id', 'in', patientIds)
    .execute();
  for (const r of rows) {
    facts.set(r.patient_id, {
      hasRelationship: principal.teamId !== null && (r.registered_team_id === principal.teamId || r.in_care === true),
      breakGlass: r.glass_id && r.reason && r.expires_at ? { id: r.glass_id, reason: r.reason, detail: r.detail, expiresAt: r.expires_at } : null,
    });
  }
  return facts;
}
