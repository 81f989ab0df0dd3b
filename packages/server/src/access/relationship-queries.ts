// The facts access decisions rest on: does the clinician's team care for the patient, and has the
// clinician broken glass for them. Until referrals and episodes exist, "cares for" means the patient
// is registered to the team; the referral issue widens this to open referrals and episodes.
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

  if (principal.teamId) {
    const related = await db
      .selectFrom('patients')
      .select('id')
      .where('id', 'in', patientIds)
      .where('registered_team_id', '=', principal.teamId)
      .execute();
    for (const r of related) facts.get(r.id)!.hasRelationship = true;
  }

  const glass = await db
    .selectFrom('break_glass')
    .select(['id', 'patient_id', 'reason', 'detail', 'expires_at'])
    .where('staff_id', '=', principal.staffId)
    .where('patient_id', 'in', patientIds)
    .where('expires_at', '>', now)
    .orderBy('expires_at', 'desc')
    .execute();
  for (const g of glass) {
    const f = facts.get(g.patient_id)!;
    f.breakGlass ??= { id: g.id, reason: g.reason, detail: g.detail, expiresAt: g.expires_at };
  }
  return facts;
}
