// "Which patients have model X (batch Y)?" across the whole service, answered in one search. Each
// patient found is shown with their contact details only when this clinician may read their record
// (their team's care, or their own break-glass), decided per patient by the access rule and audited as
// a read of that patient; the others are counted, by team, and never named. The search itself is
// audited with what was asked and how many were shown and withheld.
import type { Kysely } from 'kysely';
import { decidePatientAccess } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditRead, authorisePatientAccess, loadAccessFacts } from '../access/public.ts';
import { auditAs } from '../platform/actor.ts';
import { notFound } from '../platform/homeward-error.ts';
import type { RecallAccess } from './recall-access.ts';
import { recallSearchRecordKind } from './recall-access.ts';
import { findRecallMatches, type RecallMatch } from './recall-matches.ts';
import { findRecall, listRecallActions } from './recall-queries.ts';
import { recallActionRecordKind } from './recall-access.ts';

export type RecallPatient = {
  id: string;
  name: string;
  nhsNumber: string;
  phone: string | null;
  address: string;
};

export type ShownMatch = RecallMatch & { patient: RecallPatient };

/** A patient found whose loan is in another team's episode (no break-glass): who to contact and which team has it, nothing of the loan. */
export type ContactOnlyMatch = { patient: RecallPatient; teamName: string };

export type RecallSearchResult = {
  catalogueItem: { id: string; name: string; make: string; model: string; code: string };
  batch: string | null;
  /** The loans found whose patient this clinician may see, with the patient's contact details. */
  shown: ShownMatch[];
  /** The loans found in another team's episode of a patient this clinician may see: contact details and the team only. */
  contactOnly: ContactOnlyMatch[];
  /** How many loans were found in all, and how many are of patients this clinician may not see, by team. */
  total: number;
  withheld: number;
  withheldByTeam: Array<{ teamName: string; count: number }>;
};

export type SearchRecallOptions = { access: RecallAccess; catalogueItemId: string; batch: string | null; recordKind?: string; recordId?: string | null };

/** The patients found, split into those this clinician may see (grants made and each read audited) and those counted only. */
export async function visibleMatches<M extends { patientId: string; teamId: string; teamName: string }>(db: Kysely<Database>, access: RecallAccess, matches: readonly M[], audit: { recordKind: string; recordId: string | null }) {
  const actor = access.actor;
  const ids = [...new Set(matches.map((m) => m.patientId))];
  const facts = await loadAccessFacts(db, actor.staff, ids, actor.now);
  const patients = ids.length
    ? await db.selectFrom('patients').select(['id', 'given_name', 'family_name', 'nhs_number', 'phone', 'address_line1', 'address_line2', 'town', 'postcode']).where('id', 'in', ids).execute()
    : [];
  const seen = new Map<string, RecallPatient>();
  const brokeGlass = new Set<string>();
  for (const id of ids) {
    const f = facts.get(id)!;
    const decision = decidePatientAccess({ role: actor.staff.role, action: 'read', hasRelationship: f.hasRelationship, hasActiveBreakGlass: f.breakGlass !== null });
    if (!decision.allowed) continue;
    // Decided already on these facts: the grant is made without asking again, and the read audited through it.
    const grant = await authorisePatientAccess(db, { actor, patientId: id, action: 'read', facts: f });
    await auditRead(grant, db, { recordKind: audit.recordKind, recordId: audit.recordId, detail: { shown: 'contact-details' } });
    if (f.breakGlass !== null) brokeGlass.add(id);
    const p = patients.find((r) => r.id === id)!;
    seen.set(id, { id, name: `${p.given_name} ${p.family_name}`, nhsNumber: p.nhs_number, phone: p.phone, address: [p.address_line1, p.address_line2, p.town, p.postcode].filter(Boolean).join(', ') });
  }
  const shown: Array<M & { patient: RecallPatient }> = [];
  const contactOnly: ContactOnlyMatch[] = [];
  const withheldByTeam = new Map<string, number>();
  for (const m of matches) {
    const patient = seen.get(m.patientId);
    // Seeing the patient is not seeing another team's episode: its loan (episode, status, dates, serial)
    // is theirs, as GET /api/equipment-loans/{id} says, unless the clinician has broken glass.
    if (patient && m.teamId !== actor.staff.teamId && !brokeGlass.has(m.patientId)) contactOnly.push({ patient, teamName: m.teamName });
    else if (patient) shown.push({ ...m, patient });
    else withheldByTeam.set(m.teamName, (withheldByTeam.get(m.teamName) ?? 0) + 1);
  }
  return { shown, contactOnly, withheld: matches.length - shown.length - contactOnly.length, withheldByTeam: [...withheldByTeam].map(([teamName, count]) => ({ teamName, count })) };
}

export async function searchRecall(db: Kysely<Database>, o: SearchRecallOptions): Promise<RecallSearchResult> {
  const item = await db.selectFrom('equipment_catalogue_items').select(['id', 'name', 'make', 'model', 'code']).where('id', '=', o.catalogueItemId).executeTakeFirst();
  if (!item) throw notFound('Catalogue item');
  const batch = o.batch?.trim() ? o.batch.trim() : null;
  const matches = await findRecallMatches(db, { catalogueItemId: item.id, batch });
  const recordKind = o.recordKind ?? recallSearchRecordKind;
  const split = await visibleMatches(db, o.access, matches, { recordKind, recordId: o.recordId ?? item.id });
  await auditAs(o.access.actor, db, {
    action: 'read', outcome: 'allowed', recordKind, recordId: o.recordId ?? item.id,
    detail: { catalogueItemId: item.id, batch, found: matches.length, shown: split.shown.length, withheld: split.withheld },
  });
  return { catalogueItem: item, batch, total: matches.length, ...split };
}

/** A recall with its action list: the actions of patients this clinician may see in full, the rest counted by team (each patient shown audited). */
export async function readRecallDetail(db: Kysely<Database>, access: RecallAccess, recallId: string) {
  const recall = await findRecall(db, recallId);
  if (!recall) throw notFound('Recall');
  const actions = await listRecallActions(db, recall.id);
  const split = await visibleMatches(db, access, actions, { recordKind: recallActionRecordKind, recordId: recall.id });
  return { recall, ...split };
}

